package cn.laorenjia.core.till;

/** How the customer paid what was due at the till. */
public enum Tender {
    CASH("现金"),
    WECHAT("微信"),
    ALIPAY("支付宝"),
    /** A bank card at the canteen's card terminal. */
    BANK_CARD("刷卡");

    private final String zh;

    Tender(String zh) {
        this.zh = zh;
    }

    /** The word on the till's keys and the Z report. */
    public String zh() {
        return zh;
    }
}
