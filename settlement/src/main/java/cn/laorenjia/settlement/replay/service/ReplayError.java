package cn.laorenjia.settlement.replay.service;

import cn.laorenjia.settlement.error.ApiException;

/**
 * A replay's stable error codes with the Chinese message an administrator reads; their HTTP statuses are the REST
 * edge's ({@link cn.laorenjia.settlement.error.ErrorCatalogue}).
 */
public enum ReplayError {
    /** The proposed version's jurisdiction decides no canteen's meals (no book applies it). */
    REPLAY_UNKNOWN_JURISDICTION("提议政策的辖区没有适用该政策的食堂，无法回放"),
    /** The period reaches past today: its traffic is not all in yet. */
    REPLAY_PERIOD_NOT_OVER("回放期间不能包含今天以后的日期"),
    /** The replica or the database could not be read. */
    REPLAY_DATABASE_UNREADABLE("读取就餐记录失败，回放未完成");

    private final String messageZh;

    ReplayError(String messageZh) {
        this.messageZh = messageZh;
    }

    public ApiException exception() {
        return new ApiException(name(), messageZh);
    }

    public ApiException exception(String specificMessageZh) {
        return new ApiException(name(), specificMessageZh);
    }
}
