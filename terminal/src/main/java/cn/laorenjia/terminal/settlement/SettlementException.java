package cn.laorenjia.terminal.settlement;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The settlement service answered, and refused: its stable code and its Chinese message, which says what to do
 * next. {@link #UNREACHABLE} stands for no answer at all (network down, service stopped, timeout).
 */
public class SettlementException extends RuntimeException {

    public static final String UNREACHABLE = "SETTLEMENT_UNREACHABLE";

    private final int status;
    private final String code;
    private final String messageZh;
    private final transient JsonNode details;

    public SettlementException(int status, String code, String messageZh, JsonNode details) {
        super(code, null, false, false);
        this.status = status;
        this.code = code;
        this.messageZh = messageZh;
        this.details = details;
    }

    public static SettlementException unreachable(Throwable cause) {
        return new SettlementException(0, UNREACHABLE,
                "无法连接结算中心,请检查网线或网络后重试;如仍不行请联系管理员", null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String messageZh() {
        return messageZh;
    }

    public JsonNode details() {
        return details;
    }

    /** No answer came back: a sale may or may not have been recorded, so it is retried with the same id. */
    public boolean outcomeUnknown() {
        return status == 0 || status >= 500;
    }
}
