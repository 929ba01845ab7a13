package cn.laorenjia.terminal.voiding;

/**
 * Why a sale is voided, as the cashier gave it (one of the dialog's reasons, or a typed one): required, trimmed, at
 * most {@value #MAX_LENGTH} characters (what the central keeps with the void).
 */
public record VoidReason(String text) {

    public static final int MAX_LENGTH = 200;

    public VoidReason {
        text = text == null ? "" : text.strip();
        if (text.isEmpty()) {
            throw new VoidRefused(VoidRefused.REASON_REQUIRED, "请选择或填写撤销原因");
        }
        if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
            throw new VoidRefused(VoidRefused.REASON_TOO_LONG, "撤销原因最多 " + MAX_LENGTH + " 个字，请简短填写");
        }
    }
}
