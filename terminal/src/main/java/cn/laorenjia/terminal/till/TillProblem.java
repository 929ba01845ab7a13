package cn.laorenjia.terminal.till;

/**
 * A till step refused: a stable code for programs and a Chinese message for the cashier; nothing was recorded.
 * The local API answers it as {"code", "message"} (409 for a state that does not allow the step, 400 for bad input).
 */
public final class TillProblem extends RuntimeException {

    public enum Code {
        SHIFT_NOT_OPEN("还没有开班：请先输入备用金开班，然后再收款", true),
        SHIFT_ALREADY_OPEN("本机已有未交班的班次，请先交班结账再开新班", true),
        SHIFT_UNKNOWN("没有找到该班次", false),
        INVALID_AMOUNT_TEXT("金额格式不正确：请输入元，例如 200 或 200.00", false),
        SALE_UNKNOWN("本机没有这笔交易", false),
        NOTHING_TO_SELL("请先选择套餐，或让老人刷卡、扫码", true),
        DUE_CHANGED("应收金额已变化（套餐或老人已更换），请核对后重新收款", true),
        UNKNOWN_TENDER("收款方式不正确：请选择现金、微信、支付宝或刷卡", false);

        private final String messageZh;
        private final boolean conflict;

        Code(String messageZh, boolean conflict) {
            this.messageZh = messageZh;
            this.conflict = conflict;
        }

        public String messageZh() {
            return messageZh;
        }

        /** The step does not fit the till's state (409), rather than bad input (400). */
        public boolean conflict() {
            return conflict;
        }
    }

    private final Code code;

    public TillProblem(Code code) {
        super(code.name(), null, false, false);
        this.code = code;
    }

    public Code code() {
        return code;
    }

    public String messageZh() {
        return code.messageZh();
    }
}
