package cn.laorenjia.core.qr;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a scanned code offline with the central service's public keys: well formed, signed by a known
 * key, within its validity (give or take the clock tolerance between phone, server and counter), and for
 * phone codes not seen before. The checks run in that order, so a forged code is always called forged.
 */
public final class QrTokenVerifier {

    private final Map<Integer, PublicKey> keys;
    private final Duration clockTolerance;
    private final SeenNonces seen;

    public QrTokenVerifier(Map<Integer, PublicKey> keys, Duration clockTolerance, SeenNonces seen) {
        this.keys = Map.copyOf(keys);
        this.clockTolerance = Objects.requireNonNull(clockTolerance, "clockTolerance");
        this.seen = Objects.requireNonNull(seen, "seen");
        if (clockTolerance.isNegative()) {
            throw new IllegalArgumentException("clockTolerance must not be negative");
        }
    }

    /** The token if accepted; otherwise {@link QrTokenException} with the reason. A phone code is used up by this call. */
    public QrToken verify(String text, Instant now) {
        SignedQrToken signed = SignedQrToken.parse(text);
        QrToken token = checkSignatureAndTime(signed, now);
        if (token.kind() == QrTokenKind.PHONE
                && !seen.firstUse(token, now, token.expiresAt().plus(clockTolerance))) {
            throw new QrTokenException(QrTokenException.Code.REPLAYED, "nonce already used");
        }
        return token;
    }

    /** Everything but the replay check: for a preview that must not use the code up. */
    public QrToken checkSignatureAndTime(SignedQrToken signed, Instant now) {
        QrToken token = signed.token();
        PublicKey key = keys.get(token.keyId());
        if (key == null) {
            throw new QrTokenException(QrTokenException.Code.UNKNOWN_KEY, "key " + token.keyId());
        }
        if (!signatureValid(key, signed.body(), signed.signature())) {
            throw new QrTokenException(QrTokenException.Code.FORGED, "signature does not verify");
        }
        if (token.issuedAt().isAfter(now.plus(clockTolerance))) {
            throw new QrTokenException(QrTokenException.Code.NOT_YET_VALID, "issued at " + token.issuedAt());
        }
        if (now.isAfter(token.expiresAt().plus(clockTolerance))) {
            throw new QrTokenException(QrTokenException.Code.EXPIRED, "expired at " + token.expiresAt());
        }
        return token;
    }

    private static boolean signatureValid(PublicKey key, byte[] body, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(Ed25519Keys.ALGORITHM);
            verifier.initVerify(key);
            verifier.update(body);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // A malformed signature encoding is a bad signature, not a server fault.
            return false;
        }
    }
}
