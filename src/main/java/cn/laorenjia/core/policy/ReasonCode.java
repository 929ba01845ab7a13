package cn.laorenjia.core.policy;

/**
 * Stable codes for why a senior is not eligible or a meal is not subsidised. The names are part of
 * the API (terminal display, settlement ledger, case files): add new codes, never rename old ones.
 */
public enum ReasonCode {
    // --- Status of the senior on the meal date (any one of these blocks every route) ---
    NOT_ENROLLED("未登记助餐服务"),
    ENROLMENT_NOT_APPROVED("助餐申请尚未批准"),
    ENROLMENT_SUSPENDED("助餐资格已暂停"),
    ENROLMENT_WITHDRAWN("已退出助餐服务"),
    DECEASED("老人已故"),
    IN_INSTITUTION("已入住养老机构"),
    CENTRALISED_SUPPORT("已纳入集中供养"),

    // --- Why a particular route does not apply (reported only when no route applies) ---
    NO_ROUTE("不符合任何助餐补贴对象条件"),
    NOT_LOCAL("非本市户籍"),
    UNDER_AGE_FOR_ROUTE("未达到该类对象的年龄"),
    OVER_AGE_FOR_ROUTE("超过该类对象的年龄上限"),
    NOT_VISITING_CARE_OBJECT("非探访关爱服务对象"),
    NO_HOME_CARE_SUBSIDY("未享受居家养老服务（护理）补贴"),
    NOT_LOW_INCOME("非低保或低保边缘家庭成员"),
    DISABILITY_NOT_SEVERE("失能等级未达重度"),
    NO_HARDSHIP_DISABILITY_ALLOWANCE("未享受困难残疾人生活补贴"),
    DISABILITY_GRADE_NOT_SEVERE("残疾等级非一、二级"),

    // --- Why this meal is not subsidised although the senior may be eligible ---
    NO_POLICY_IN_FORCE("该日期无有效的助餐政策"),
    SLOT_NOT_COVERED("该餐次不享受补贴"),
    DAY_NOT_COVERED("该日不享受补贴"),
    STANDARD_PRICE_OUT_OF_RANGE("食堂标准套餐价格超出允许范围"),
    BELOW_STANDARD_PRICE("所选套餐低于标准套餐价格"),
    DAILY_QUOTA_EXHAUSTED("今日补贴次数已用完"),
    WEEKLY_QUOTA_EXHAUSTED("本周补贴次数已用完");

    private final String labelZh;

    ReasonCode(String labelZh) {
        this.labelZh = labelZh;
    }

    public String labelZh() {
        return labelZh;
    }
}
