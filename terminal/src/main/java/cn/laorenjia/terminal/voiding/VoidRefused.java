package cn.laorenjia.terminal.voiding;

/**
 * A void the counter refuses before asking the central: no sale named, no reason, a sale that is not this counter's
 * today, already voided, or not yet uploaded. Nothing is sent and nothing changes; the page shows the Chinese message.
 */
public final class VoidRefused extends RuntimeException {

    public static final String SALE_REQUIRED = "VOID_SALE_REQUIRED";
    public static final String REASON_REQUIRED = "VOID_REASON_REQUIRED";
    public static final String REASON_TOO_LONG = "VOID_REASON_TOO_LONG";
    public static final String NOTHING_TO_VOID = "NOTHING_TO_VOID";
    public static final String ALREADY_VOIDED = "SALE_ALREADY_VOIDED";
    public static final String OFFLINE_SALE_NOT_SYNCED = "OFFLINE_SALE_NOT_SYNCED";
    public static final String OUTCOME_UNKNOWN = "SALE_OUTCOME_UNKNOWN";

    private final String code;
    private final String messageZh;

    public VoidRefused(String code, String messageZh) {
        super(code, null, false, false);
        this.code = code;
        this.messageZh = messageZh;
    }

    public String code() {
        return code;
    }

    public String messageZh() {
        return messageZh;
    }
}
