package cn.laorenjia.settlement.replay.draft;

import cn.laorenjia.settlement.error.ApiException;

import java.util.Map;

/**
 * The stable error codes of proposed policies (drafts) and their replays, with the Chinese message an administrator
 * reads; their HTTP statuses are the REST edge's ({@link cn.laorenjia.settlement.error.ErrorCatalogue}).
 */
public enum DraftError {
    /** The file is not a valid policy version (YAML or a field): the details name the line where known. */
    POLICY_DRAFT_INVALID("政策草案文件有误"),
    /** Larger than a policy file can reasonably be (the shipped ones are ~3 KB). */
    POLICY_DRAFT_TOO_LARGE("政策草案文件过大"),
    /** The draft's id is a version of the catalogue in force: a draft must have an id of its own. */
    POLICY_DRAFT_ID_IN_CATALOGUE("该版本编号已是正式政策版本，请为草案另起一个编号"),
    POLICY_DRAFT_UNKNOWN_JURISDICTION("政策草案的适用地区（jurisdiction）不在政策目录中"),
    /** An upload whose id is already a draft (not withdrawn): edit that draft instead. */
    POLICY_DRAFT_EXISTS("已有同一编号的政策草案，请在该草案上修改"),
    /** An edit whose YAML declares another id than the draft edited. */
    POLICY_DRAFT_ID_CHANGED("修改草案时不能改变版本编号（id）"),
    UNKNOWN_POLICY_DRAFT("未找到该政策草案"),
    /** Editing, withdrawing or replaying a withdrawn draft. */
    POLICY_DRAFT_WITHDRAWN("该政策草案已撤回"),
    /** A replay of a version that is neither a draft nor a version of the catalogue. */
    UNKNOWN_POLICY_VERSION("未找到该政策版本"),
    /** The period of a replay: dates missing, the end before the start, or longer than allowed. */
    REPLAY_PERIOD_INVALID("测算期间有误"),
    UNKNOWN_REPLAY_RUN("未找到该测算结果");

    private final String messageZh;

    DraftError(String messageZh) {
        this.messageZh = messageZh;
    }

    public ApiException exception() {
        return new ApiException(name(), messageZh);
    }

    public ApiException exception(String specificMessageZh) {
        return new ApiException(name(), specificMessageZh);
    }

    public ApiException exception(String specificMessageZh, Map<String, Object> details) {
        return new ApiException(name(), specificMessageZh, details);
    }
}
