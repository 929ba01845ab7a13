package cn.laorenjia.core.senior;

/** The state of a senior's voluntary application for the meal subsidy (经自愿申请). Only APPROVED receives subsidies. */
public enum EnrolmentState {
    APPLIED("已申请"),
    APPROVED("已批准"),
    SUSPENDED("已暂停"),
    WITHDRAWN("已退出");

    private final String labelZh;

    EnrolmentState(String labelZh) {
        this.labelZh = labelZh;
    }

    public String labelZh() {
        return labelZh;
    }
}
