package cn.laorenjia.core.senior;

/** 失能等级 (disability level in daily living), from the least to the most severe. */
public enum DisabilityLevel {
    INTACT("能力完好"),
    MILD("轻度失能"),
    MODERATE("中度失能"),
    SEVERE("重度失能"),
    TOTAL("完全失能");

    private final String labelZh;

    DisabilityLevel(String labelZh) {
        this.labelZh = labelZh;
    }

    public String labelZh() {
        return labelZh;
    }

    /** "失能等级达重度以上": severe or total. */
    public boolean isSevereOrWorse() {
        return compareTo(SEVERE) >= 0;
    }
}
