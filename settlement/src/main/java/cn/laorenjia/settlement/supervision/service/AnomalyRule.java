package cn.laorenjia.settlement.supervision.service;

import java.util.Arrays;
import java.util.Optional;

/**
 * The anomaly rules, by their stable codes (a contract with the planted-fraud recall command: never renamed). Each is
 * documented in settlement/SUPERVISION.md; {@link AnomalyRules} holds their SQL and thresholds.
 */
public enum AnomalyRule {
    MANUAL_SHARE_CANTEEN(Subject.CANTEEN, "人工核验占比高（食堂）", "人工核验（按身份证号查找）的补贴餐占比", true),
    MANUAL_SHARE_CASHIER(Subject.CASHIER, "人工核验占比高（收银员）", "该收银员人工核验的补贴餐占比", true),
    OFFLINE_SHARE(Subject.CANTEEN, "离线补录占比高", "离线补录的补贴餐占比", true),
    OFFLINE_WHILE_ONLINE(Subject.CANTEEN, "在线时段的离线补录", "终端在线时声称离线的补录笔数", false),
    FAR_FROM_HOME(Subject.CANTEEN, "异地就餐占比高", "户籍街镇与食堂不同的老人的补贴餐占比", true),
    MANY_CANTEENS(Subject.SENIOR, "一周多家食堂就餐", "一周内就餐的不同食堂数", false),
    INELIGIBLE_SENIOR(Subject.CANTEEN, "不符合条件的老人就餐", "已故、入住机构或未获批准当日的就餐和尝试笔数", false),
    CLOSING_BURST(Subject.CANTEEN, "临近结束时集中就餐", "餐段结束前最后几分钟的补贴餐占比", true),
    SUBSIDISED_SHARE(Subject.CANTEEN, "补贴餐无收银记录", "补贴餐占全部售出餐的比例（另计收银未售出的补贴餐）", true),
    ROUND_TOTALS(Subject.CANTEEN, "日合计多为整数", "日补贴餐合计为整十的天数占比", true),
    IDENTICAL_TOTALS(Subject.CANTEEN, "日合计多日相同", "最常见日合计出现的天数占比", true),
    SUDDEN_GROWTH(Subject.CANTEEN, "就餐量突增", "月后段日均补贴餐与此前日均之比", false);

    /** What a case of the rule is about. */
    public enum Subject { CANTEEN, CASHIER, SENIOR }

    private final Subject subject;
    private final String labelZh;
    private final String scoreZh;
    private final boolean scoreIsShare;

    AnomalyRule(Subject subject, String labelZh, String scoreZh, boolean scoreIsShare) {
        this.subject = subject;
        this.labelZh = labelZh;
        this.scoreZh = scoreZh;
        this.scoreIsShare = scoreIsShare;
    }

    public Subject subject() {
        return subject;
    }

    public String labelZh() {
        return labelZh;
    }

    /** What the score measures, in Chinese. */
    public String scoreZh() {
        return scoreZh;
    }

    /** Whether the score is a share (shown as a percentage) rather than a count or ratio. */
    public boolean scoreIsShare() {
        return scoreIsShare;
    }

    public static Optional<AnomalyRule> of(String code) {
        return Arrays.stream(values()).filter(r -> r.name().equals(code)).findFirst();
    }
}
