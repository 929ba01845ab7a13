package cn.laorenjia.core.meal;

/** The three meals a day a canteen may serve; which of them qualify is set by each policy version. */
public enum MealSlot {
    BREAKFAST("早餐"),
    LUNCH("午餐"),
    DINNER("晚餐");

    private final String labelZh;

    MealSlot(String labelZh) {
        this.labelZh = labelZh;
    }

    public String labelZh() {
        return labelZh;
    }
}
