package cn.laorenjia.core.till;

import cn.laorenjia.core.refusal.RefusalCode;
import cn.laorenjia.core.refusal.RefusedInput;

/** A payment or till figure that cannot be right: refused, nothing recorded. */
public final class TillRefusal extends RefusedInput {

    public enum Code implements RefusalCode {
        TENDERED_TOO_LITTLE("收款金额少于应收金额，请核对"),
        TENDERED_TOO_MUCH("找零不能达到或超过100元，请核对收款金额"),
        TENDER_NOT_EXACT("微信、支付宝和刷卡按应收金额收款，不找零"),
        INVALID_AMOUNT("金额不正确（不能为负数）");

        private final String messageZh;

        Code(String messageZh) {
            this.messageZh = messageZh;
        }

        @Override
        public String messageZh() {
            return messageZh;
        }
    }

    private final Code code;

    public TillRefusal(Code code) {
        super(code, code.messageZh());
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
