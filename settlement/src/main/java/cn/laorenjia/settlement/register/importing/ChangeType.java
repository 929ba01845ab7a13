package cn.laorenjia.settlement.register.importing;

import cn.laorenjia.core.senior.FactKind;

/**
 * The 变更类型 of a 民政 change list: which fact of the register it starts or ends. A start of a single-valued
 * kind (低保, 失能等级, 困难残疾人生活补贴) replaces the status holding until then: it ends the day the new one starts.
 */
enum ChangeType {
    DEATH("死亡", FactKind.DEATH, true),
    INSTITUTION_ENTERED("入住养老机构", FactKind.INSTITUTION_RESIDENCE, true),
    INSTITUTION_LEFT("离开养老机构", FactKind.INSTITUTION_RESIDENCE, false),
    CENTRALISED_SUPPORT_STARTED("集中供养", FactKind.CENTRALISED_SUPPORT, true),
    CENTRALISED_SUPPORT_ENDED("结束集中供养", FactKind.CENTRALISED_SUPPORT, false),
    LOW_INCOME("低保", FactKind.LOW_INCOME_STATUS, true),
    LOW_INCOME_ENDED("取消低保", FactKind.LOW_INCOME_STATUS, false),
    DISABILITY_LEVEL("失能等级", FactKind.DISABILITY_LEVEL, true),
    HARDSHIP_ALLOWANCE("困难残疾人生活补贴", FactKind.HARDSHIP_DISABILITY_ALLOWANCE, true),
    HARDSHIP_ALLOWANCE_ENDED("取消困难残疾人生活补贴", FactKind.HARDSHIP_DISABILITY_ALLOWANCE, false);

    private final String labelZh;
    private final FactKind kind;
    private final boolean starts;

    ChangeType(String labelZh, FactKind kind, boolean starts) {
        this.labelZh = labelZh;
        this.kind = kind;
        this.starts = starts;
    }

    String labelZh() {
        return labelZh;
    }

    FactKind kind() {
        return kind;
    }

    boolean starts() {
        return starts;
    }

    /** Whether the change names a value (低保类别, 失能等级, 残疾等级) in the 值 column. */
    boolean takesValue() {
        return starts && (kind == FactKind.LOW_INCOME_STATUS || kind == FactKind.DISABILITY_LEVEL
                || kind == FactKind.HARDSHIP_DISABILITY_ALLOWANCE);
    }
}
