package cn.laorenjia.settlement.supervision.service;

/** How the canteen table of the roll-up may be sorted: a fixed list, each a column of the roll-up's query. */
public enum CanteenSort {
    CODE("代码", "code"),
    NAME("名称", "name"),
    MEALS("补贴餐次", "subsidised_meals"),
    OWED("应付金额", "owed_fen"),
    TILL("全部售餐", "till_meals"),
    SHARE("补贴占比", "case when till_meals = 0 then null else till_subsidised::numeric / till_meals end"),
    MANUAL("手工查找占比", "case when sales = 0 then null else manual::numeric / sales end"),
    OFFLINE("离线占比", "case when sales = 0 then null else offline_sales::numeric / sales end");

    private final String labelZh;
    private final String expression;

    CanteenSort(String labelZh, String expression) {
        this.labelZh = labelZh;
        this.expression = expression;
    }

    public String labelZh() {
        return labelZh;
    }

    /** The ORDER BY of this sort; ties (and canteens without figures) by code, so pages never overlap. */
    String orderBy(boolean descending) {
        String dir = descending ? " desc nulls last" : " asc nulls last";
        return expression + dir + (this == CODE ? "" : ", code");
    }

    /** The sort of a query parameter; {@link #MEALS} for anything else. */
    public static CanteenSort of(String value) {
        if (value != null) {
            for (CanteenSort s : values()) {
                if (s.name().equalsIgnoreCase(value)) {
                    return s;
                }
            }
        }
        return MEALS;
    }
}
