package cn.laorenjia.core.senior;

/** 最低生活保障对象 or member of a 低保边缘 family. */
public enum LowIncomeStatus {
    DIBAO("低保"),
    DIBAO_EDGE("低保边缘");

    private final String labelZh;

    LowIncomeStatus(String labelZh) {
        this.labelZh = labelZh;
    }

    public String labelZh() {
        return labelZh;
    }
}
