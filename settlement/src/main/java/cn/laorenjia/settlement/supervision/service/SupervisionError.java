package cn.laorenjia.settlement.supervision.service;

import cn.laorenjia.settlement.error.ApiException;

/**
 * Supervision's stable error codes with the Chinese message a supervisor reads; their HTTP statuses are the REST
 * edge's ({@link cn.laorenjia.settlement.error.ErrorCatalogue}).
 */
public enum SupervisionError {
    /** No case of that id within the caller's area (an out-of-area case is answered as if absent). */
    UNKNOWN_CASE("未找到该异常线索"),
    /** The step is not possible from the case's state (e.g. clearing a confirmed case). */
    CASE_STATE_CONFLICT("该线索的当前状态不允许此操作"),
    /** Clearing or confirming needs a note saying why. */
    CASE_NOTE_REQUIRED("请填写核查结论（说明理由）");

    private final String messageZh;

    SupervisionError(String messageZh) {
        this.messageZh = messageZh;
    }

    public ApiException exception() {
        return new ApiException(name(), messageZh);
    }

    public ApiException exception(String specificMessageZh) {
        return new ApiException(name(), specificMessageZh);
    }
}
