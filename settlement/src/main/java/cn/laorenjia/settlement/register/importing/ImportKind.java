package cn.laorenjia.settlement.register.importing;

/** What a file holds: new seniors for the register, or 民政's changes to seniors already in it. */
public enum ImportKind {
    /** 老人登记名册: one row per new senior, with the facts eligibility depends on and an optional card. */
    REGISTER("老人登记名册"),
    /** 民政变更名单: one row per change (death, institution, 低保, disability level, hardship allowance). */
    CHANGES("民政变更名单");

    private final String labelZh;

    ImportKind(String labelZh) {
        this.labelZh = labelZh;
    }

    public String labelZh() {
        return labelZh;
    }
}
