package cn.laorenjia.terminal.settlement;

import java.util.Map;

/**
 * The settlement service answered, and refused: its stable code and its Chinese message, which says what to do
 * next. {@link #UNREACHABLE} stands for no answer at all (network down, service stopped, timeout).
 */
public class SettlementException extends RuntimeException {

    public static final String UNREACHABLE = "SETTLEMENT_UNREACHABLE";
    public static final String BAD_ANSWER = "SETTLEMENT_BAD_ANSWER";
    public static final String NOT_CONFIGURED = "TERMINAL_NOT_CONFIGURED";
    /** The detail reason of an {@link #UNREACHABLE} central whose certificate did not verify. */
    public static final String CENTRAL_NOT_TRUSTED = "CENTRAL_NOT_TRUSTED";

    private final int status;
    private final String code;
    private final String messageZh;
    private final transient Map<String, Object> details;

    public SettlementException(int status, String code, String messageZh, Map<String, Object> details) {
        super(code, null, false, false);
        this.status = status;
        this.code = code;
        this.messageZh = messageZh;
        this.details = details == null ? Map.of() : details;
    }

    public static SettlementException unreachable(Throwable cause) {
        return new SettlementException(0, UNREACHABLE,
                "无法连接结算中心，请检查网线或网络后重试；如仍不行请联系管理员", null);
    }

    /**
     * The central's TLS certificate did not verify: treated as no answer (code {@link #UNREACHABLE}, the counter sells
     * offline), with its own message and the detail reason {@value #CENTRAL_NOT_TRUSTED}.
     */
    public static SettlementException untrusted() {
        return new SettlementException(0, UNREACHABLE,
                "无法确认结算中心的身份（证书未通过验证），已停止与其通信；请联系管理员检查区县 CA 证书和结算中心地址",
                Map.of("reason", CENTRAL_NOT_TRUSTED));
    }

    /** An answer that is not the contract's JSON (a proxy's page, a cut body). */
    public static SettlementException badAnswer(int status) {
        return new SettlementException(status, BAD_ANSWER,
                "结算中心的应答无法识别，请稍后重试；如反复出现请联系管理员", null);
    }

    /** A refusal without the central's error body: only its HTTP status is known. */
    public static SettlementException httpStatus(int status) {
        return new SettlementException(status, "SETTLEMENT_HTTP_" + status,
                "结算中心返回错误（HTTP " + status + "），请稍后重试；如反复出现请联系管理员", null);
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

    /** The error body's machine-readable details (e.g. the eligibility reasons); empty when there are none. */
    public Map<String, Object> details() {
        return details;
    }

    /** No answer came back: a sale may or may not have been recorded, so it is retried with the same id. */
    public boolean outcomeUnknown() {
        return status == 0 || status >= 500;
    }
}
