package cn.laorenjia.settlement.supervision.service;

/** A case's state: open → reviewing → cleared / confirmed (open may be decided directly). Decided cases never change. */
public enum CaseState {
    OPEN("待核查"),
    REVIEWING("核查中"),
    CLEARED("已排除"),
    CONFIRMED("已确认");

    private final String labelZh;

    CaseState(String labelZh) {
        this.labelZh = labelZh;
    }

    public String labelZh() {
        return labelZh;
    }

    public boolean decided() {
        return this == CLEARED || this == CONFIRMED;
    }
}
