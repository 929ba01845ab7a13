package cn.laorenjia.core.qr;

import java.util.Objects;

/**
 * A code's parts as read from text, before its signature is checked. {@link #parse} is a pure function
 * over the scanned text (fuzzed later): it either returns or throws {@link QrTokenException}.
 */
public record SignedQrToken(QrToken token, byte[] body, byte[] signature) {

    /** Every signed code starts with this; it keeps the text in QR alphanumeric mode. */
    public static final String PREFIX = "LRJ:";
    public static final int SIGNATURE_LENGTH = 64;
    public static final int LENGTH = QrToken.BODY_LENGTH + SIGNATURE_LENGTH;
    /** 135 characters: QR version 6 at error-correction level M holds 154 in alphanumeric mode. */
    public static final int TEXT_LENGTH = PREFIX.length() + LENGTH / 2 * 3 + LENGTH % 2 * 2;

    public SignedQrToken {
        Objects.requireNonNull(token, "token");
        body = body.clone();
        signature = signature.clone();
    }

    /** Whether the text claims to be one of our signed codes (it may still be refused). */
    public static boolean looksSigned(String text) {
        return text.startsWith(PREFIX);
    }

    public static SignedQrToken parse(String text) {
        if (text == null || !looksSigned(text)) {
            throw new QrTokenException(QrTokenException.Code.MALFORMED, "no " + PREFIX + " prefix");
        }
        String payload = text.substring(PREFIX.length());
        // A scan cut short (a wedge scanner dropping the tail, a torn print) is incomplete rather than garbage.
        if (payload.length() < TEXT_LENGTH - PREFIX.length() && allBase45(payload)) {
            throw new QrTokenException(QrTokenException.Code.TRUNCATED, payload.length() + " characters");
        }
        byte[] bytes;
        try {
            bytes = Base45.decode(payload);
        } catch (IllegalArgumentException e) {
            throw new QrTokenException(QrTokenException.Code.MALFORMED, e.getMessage());
        }
        if (bytes.length < LENGTH) {
            throw new QrTokenException(QrTokenException.Code.TRUNCATED, bytes.length + " of " + LENGTH + " bytes");
        }
        if (bytes.length > LENGTH) {
            throw new QrTokenException(QrTokenException.Code.MALFORMED, bytes.length + " bytes, expected " + LENGTH);
        }
        byte[] body = java.util.Arrays.copyOfRange(bytes, 0, QrToken.BODY_LENGTH);
        byte[] signature = java.util.Arrays.copyOfRange(bytes, QrToken.BODY_LENGTH, LENGTH);
        return new SignedQrToken(QrToken.parseBody(body), body, signature);
    }

    public String text() {
        byte[] all = new byte[LENGTH];
        System.arraycopy(body, 0, all, 0, body.length);
        System.arraycopy(signature, 0, all, body.length, signature.length);
        return PREFIX + Base45.encode(all);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    private static boolean allBase45(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Base45.ALPHABET.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
