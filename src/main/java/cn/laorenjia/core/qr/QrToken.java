package cn.laorenjia.core.qr;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The signed body of a senior's QR code. Compact on purpose (23 bytes; with the Ed25519 signature 87
 * bytes, 135 characters of text with the prefix: QR version 6 at level M):
 * <pre>
 * version(1) keyId(1) kind(1) holderId(8) issuedAt(4, unix seconds) validFor(4, seconds) nonce(4)
 * </pre>
 * all big-endian. {@code holderId} is the senior's register id for a phone code and the register id of
 * the printed card for a printed code (so revoking the card revokes the code).
 */
public record QrToken(int keyId, QrTokenKind kind, long holderId, Instant issuedAt, Duration validFor, int nonce) {

    public static final int VERSION = 1;
    public static final int BODY_LENGTH = 23;
    static final long MAX_UNSIGNED_INT = 0xFFFF_FFFFL;

    public QrToken {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(validFor, "validFor");
        if (keyId < 0 || keyId > 255) {
            throw new IllegalArgumentException("keyId must be 0–255");
        }
        if (issuedAt.getNano() != 0 || issuedAt.getEpochSecond() < 0 || issuedAt.getEpochSecond() > MAX_UNSIGNED_INT) {
            throw new IllegalArgumentException("issuedAt must be whole seconds within 1970–2106");
        }
        if (validFor.isNegative() || validFor.isZero() || validFor.getNano() != 0 || validFor.getSeconds() > MAX_UNSIGNED_INT) {
            throw new IllegalArgumentException("validFor must be 1 s to 2^32-1 s in whole seconds");
        }
    }

    public Instant expiresAt() {
        return issuedAt.plus(validFor);
    }

    /** The bytes that are signed. */
    public byte[] body() {
        byte[] b = new byte[BODY_LENGTH];
        b[0] = VERSION;
        b[1] = (byte) keyId;
        b[2] = (byte) kind.code();
        putLong(b, 3, holderId, 8);
        putLong(b, 11, issuedAt.getEpochSecond(), 4);
        putLong(b, 15, validFor.getSeconds(), 4);
        putLong(b, 19, nonce & MAX_UNSIGNED_INT, 4);
        return b;
    }

    /** Parses a body of exactly {@link #BODY_LENGTH} bytes; the signature is checked by {@link QrTokenVerifier}. */
    static QrToken parseBody(byte[] b) {
        if (b.length != BODY_LENGTH) {
            throw new QrTokenException(QrTokenException.Code.MALFORMED, "body of " + b.length + " bytes");
        }
        if (b[0] != VERSION) {
            throw new QrTokenException(QrTokenException.Code.MALFORMED, "version " + (b[0] & 0xFF));
        }
        QrTokenKind kind = QrTokenKind.ofCode(b[2] & 0xFF);
        long validFor = getLong(b, 15, 4);
        if (validFor == 0) {
            // well framed, but no signer issues a code valid for no time: its bytes were changed after signing, which
            // the verifier calls forged whatever field was hit (a changed byte past the header is always FORGED)
            throw new QrTokenException(QrTokenException.Code.FORGED, "validity of zero");
        }
        return new QrToken(b[1] & 0xFF, kind, getLong(b, 3, 8), Instant.ofEpochSecond(getLong(b, 11, 4)),
                Duration.ofSeconds(validFor), (int) getLong(b, 19, 4));
    }

    private static void putLong(byte[] b, int at, long value, int length) {
        for (int i = length - 1; i >= 0; i--) {
            b[at + i] = (byte) value;
            value >>>= 8;
        }
    }

    private static long getLong(byte[] b, int at, int length) {
        long v = 0;
        for (int i = 0; i < length; i++) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }
}
