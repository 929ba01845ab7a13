package cn.laorenjia.core.senior;

/** 七类探访关爱服务对象 (the seven special-difficulty categories of the visiting-care programme). */
public enum VisitingCareCategory {
    CHILDLESS_ALONE("孤寡"),
    LIVING_ALONE("独居"),
    EMPTY_NEST("空巢"),
    LEFT_BEHIND("留守"),
    DISABLED("失能"),
    SEVERELY_HANDICAPPED("重残"),
    BEREAVED_ONLY_CHILD_FAMILY("计划生育特殊家庭");

    private final String labelZh;

    VisitingCareCategory(String labelZh) {
        this.labelZh = labelZh;
    }

    public String labelZh() {
        return labelZh;
    }
}
