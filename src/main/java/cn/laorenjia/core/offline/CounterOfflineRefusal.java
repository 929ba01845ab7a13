package cn.laorenjia.core.offline;

import cn.laorenjia.core.refusal.RefusalCode;

/**
 * Why a counter deciding offline charges full price for a reason of its own (the policy's reasons are named by
 * {@link cn.laorenjia.core.subsidy.MealRefusal}). Stable codes: add, never rename.
 */
public enum CounterOfflineRefusal implements RefusalCode {
    /** The copy holds no such senior (not registered, or the card or code is not in it). */
    OFFLINE_NOT_IN_COPY("离线缓存中没有这位老人（未登记或今日不符合条件）:本餐按原价收费"),
    /** This terminal is configured to give no subsidy offline. */
    OFFLINE_SUBSIDY_OFF("本终端离线时不给予补贴：本餐按原价收费"),
    /** The copy is not of today, or older than the counter may decide from. */
    OFFLINE_COPY_STALE("离线缓存不是今天的，不能离线补贴：本餐按原价收费，联网后可联系街镇核实"),
    /** This terminal has granted as many subsidies offline today as it may. */
    OFFLINE_LIMIT_REACHED("本终端今日离线补贴已达上限：本餐按原价收费");

    private final String messageZh;

    CounterOfflineRefusal(String messageZh) {
        this.messageZh = messageZh;
    }

    @Override
    public String messageZh() {
        return messageZh;
    }

    /** The message for {@link #OFFLINE_LIMIT_REACHED} with the limit, e.g. "…已达上限（40笔）:本餐按原价收费". */
    public static String limitReachedZh(int limit) {
        return "本终端今日离线补贴已达上限（" + limit + "笔）：本餐按原价收费";
    }
}
