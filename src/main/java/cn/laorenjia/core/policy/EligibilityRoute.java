package cn.laorenjia.core.policy;

/**
 * The ways a senior can qualify for the meal subsidy ("any one route is enough"). The logic of each
 * route is code; its age bounds and whether it applies at all are set by each policy version.
 */
public enum EligibilityRoute {
    /** 本市户籍80周岁及以上的老年人. */
    AGE_80_LOCAL("本市户籍80周岁及以上老年人"),
    /** 本市户籍70周岁及以上的探访关爱服务对象(七类特殊困难老年人). */
    AGE_70_VISITING_CARE("本市户籍70周岁及以上探访关爱服务对象"),
    /** 享受居家养老服务(护理)补贴中低保、低保边缘家庭成员且失能等级达重度以上的老年人. */
    HOME_CARE_LOW_INCOME_SEVERE_DISABILITY("享受居家养老服务补贴的低保或低保边缘重度以上失能老年人"),
    /** 享受困难残疾人生活补贴中60周岁(含)至70周岁(不含)且残疾等级为一、二级的重度残疾人. */
    HARDSHIP_DISABILITY_60_TO_70("享受困难残疾人生活补贴的60至70周岁一、二级重度残疾人");

    private final String labelZh;

    EligibilityRoute(String labelZh) {
        this.labelZh = labelZh;
    }

    public String labelZh() {
        return labelZh;
    }
}
