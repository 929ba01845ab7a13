package cn.laorenjia.core.offline;

import cn.laorenjia.core.refusal.RefusalCode;

/**
 * Why a synced offline sale is rejected when the reason is not one of the meal's own (those are named by
 * {@link cn.laorenjia.core.subsidy.MealRefusal}, e.g. {@code BELOW_STANDARD_PRICE}). Stable codes: add, never rename.
 */
public enum OfflineRejection implements RefusalCode {
    /** The terminal already had its day's allowance of conflicts the district bears. */
    OFFLINE_ALLOWANCE_EXCEEDED("本终端当日离线冲突已超过额度，本餐补贴由食堂承担"),
    /**
     * The terminal already had its day's allowance of offline sales the district pays for (confirmed and conflicts
     * together), whatever its own limit says: the central counts them itself.
     */
    OFFLINE_SALES_ALLOWANCE_EXCEEDED("本终端当日离线补贴笔数已超过额度，本餐补贴由食堂承担"),
    /**
     * The central was answering the terminal on both sides of the moment it claims it sold offline: it was not
     * offline then, and a sale it did not send live is not paid.
     */
    TERMINAL_WAS_ONLINE("该笔交易发生时服务器正与本终端正常通信，不属于断网交易，补贴由食堂承担"),
    /** The counter charged a price that is not the set's price on the canteen's menu. */
    PRICE_NOT_ON_MENU("离线售价与菜单价格不符，离线补贴由食堂承担"),
    /** The sale's time is outside the window in which offline sales are taken. */
    TIMESTAMP_OUT_OF_RANGE("离线交易时间超出可同步范围，补贴由食堂承担"),
    /** The set is not on the canteen's menu. */
    UNKNOWN_MEAL_SET("本食堂菜单中没有该套餐，离线补贴由食堂承担"),
    /** The card or code does not identify an enrolled senior (unknown or revoked card, forged or used code). */
    UNIDENTIFIED("无法确认老人身份，离线补贴由食堂承担");

    private final String messageZh;

    OfflineRejection(String messageZh) {
        this.messageZh = messageZh;
    }

    @Override
    public String messageZh() {
        return messageZh;
    }

    /** Whether this rejection is decided before the meal itself could be (no senior, set or time to decide on). */
    public boolean beforeTheDecision() {
        return this == TIMESTAMP_OUT_OF_RANGE || this == UNKNOWN_MEAL_SET || this == UNIDENTIFIED;
    }
}
