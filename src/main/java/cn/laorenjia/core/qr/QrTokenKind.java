package cn.laorenjia.core.qr;

/** What a signed code stands for; its byte is part of the signed body. */
public enum QrTokenKind {
    /** A short-lived code on a phone: proves the holder had it in the last minute; replay is refused. */
    PHONE(1),
    /** The code printed on the senior's card: static, so only an identifier; the cashier checks a second factor. */
    PRINTED(2);

    private final int code;

    QrTokenKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static QrTokenKind ofCode(int code) {
        for (QrTokenKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new QrTokenException(QrTokenException.Code.MALFORMED, "unknown kind " + code);
    }
}
