package cn.laorenjia.core.senior;

/** The kinds of dated facts the register holds about a senior. */
public enum FactKind {
    /** 本市户籍. No value. */
    LOCAL_HOUSEHOLD("本市户籍", true),
    /** 探访关爱服务对象; value = a {@link VisitingCareCategory} name. A senior may be in several. */
    VISITING_CARE_CATEGORY("探访关爱服务对象", true),
    /** 享受居家养老服务(护理)补贴. No value. */
    HOME_CARE_SUBSIDY("居家养老服务（护理）补贴", true),
    /** 低保 / 低保边缘; value = a {@link LowIncomeStatus} name. */
    LOW_INCOME_STATUS("低保/低保边缘", false),
    /** 失能等级; value = a {@link DisabilityLevel} name. */
    DISABILITY_LEVEL("失能等级", false),
    /** 困难残疾人生活补贴; value = the disability grade "1".."4". */
    HARDSHIP_DISABILITY_ALLOWANCE("困难残疾人生活补贴", false),
    /** 入住养老机构. No value. */
    INSTITUTION_RESIDENCE("入住养老机构", true),
    /** 集中供养. No value. */
    CENTRALISED_SUPPORT("集中供养", true),
    /** 助餐服务登记; value = an {@link EnrolmentState} name. */
    ENROLMENT("助餐登记", false),
    /** 死亡; period = from the date of death, open-ended. */
    DEATH("死亡", false);

    private final String labelZh;
    private final boolean mayOverlap;

    FactKind(String labelZh, boolean mayOverlap) {
        this.labelZh = labelZh;
        this.mayOverlap = mayOverlap;
    }

    public String labelZh() {
        return labelZh;
    }

    /**
     * Whether two facts of this kind may hold on the same day. A senior has one enrolment state, one
     * disability level, one low-income status, one disability grade at a time, and dies once:
     * overlapping facts of those kinds are contradictory register data and are refused rather than
     * resolved by guessing. Presence-only kinds (and the visiting-care categories, which combine) may
     * overlap harmlessly.
     */
    public boolean mayOverlap() {
        return mayOverlap;
    }
}
