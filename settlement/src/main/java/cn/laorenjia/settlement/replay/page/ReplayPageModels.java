package cn.laorenjia.settlement.replay.page;

import cn.laorenjia.core.money.Money;
import cn.laorenjia.settlement.replay.service.ReplayComparison;
import io.quarkus.qute.TemplateData;

import java.util.List;

/**
 * What the replay pages show, already in the page's words and formats: money with thousands separators
 * ({@link Money#toGroupedYuanString()}), differences signed (proposed minus actual), dates as 2026-12-03. The
 * templates only place these values.
 */
public final class ReplayPageModels {

    private ReplayPageModels() {
    }

    @TemplateData
    public record Choice(String value, String label, boolean selected) {
    }

    @TemplateData
    public record ChoiceGroup(String label, List<Choice> choices) {
    }

    @TemplateData
    public record DraftRow(String versionId, String titleZh, String jurisdiction, int revision, String state,
                           boolean withdrawn, String at, String actor) {
    }

    @TemplateData
    public record CatalogueRow(String versionId, String titleZh, String jurisdiction, String from, String until) {
    }

    @TemplateData
    public record RunRow(long id, String at, String actor, String versionId, String period, String actualTotal,
                         String proposedTotal, String difference, String took) {
    }

    /** The period the form starts with and its quick picks (Asia/Shanghai, from the service's clock). */
    @TemplateData
    public record Period(String from, String to, String lastMonthFrom, String lastMonthTo, String lastQuarterFrom,
                         String lastQuarterTo, String today) {
    }

    /** One line of the totals: actual, proposed, the signed difference. */
    @TemplateData
    public record Line(String key, String label, String actual, String proposed, String difference) {
    }

    /**
     * One row of the 区 → 街镇 → 食堂 table; {@code key} and {@code parent} let the page's script fold a 区's 街镇 and a
     * 街镇's canteens (without the script every row shows).
     */
    @TemplateData
    public record AreaRow(String level, String key, String parent, String code, String name, Figures figures,
                          boolean hasChildren) {
    }

    @TemplateData
    public record RouteRow(String route, String label, Figures figures) {
    }

    @TemplateData
    public record Figures(String actualMeals, String proposedMeals, String mealsDifference, String actualTotal,
                          String proposedTotal, String totalDifference, String actualSeniors, String proposedSeniors,
                          String seniorsDifference, boolean costsMore, boolean costsLess) {

        static Figures of(ReplayComparison c) {
            Money diff = c.totalDifference();
            return new Figures(count(c.actual().meals()), count(c.proposed().meals()), signed(c.mealsDifference()),
                    c.actual().total().toGroupedYuanString(), c.proposed().total().toGroupedYuanString(),
                    signed(diff), count(c.actual().seniorsReached()), count(c.proposed().seniorsReached()),
                    signed(c.seniorsDifference()), !diff.isNegative() && !diff.isZero(), diff.isNegative());
        }
    }

    /** 12,345 */
    static String count(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }

    /** +12 / -3 / 0 */
    static String signed(long n) {
        return n > 0 ? "+" + count(n) : count(n);
    }

    /** +1,234.00 / -5.00 / 0.00 */
    static String signed(Money m) {
        return m.isNegative() || m.isZero() ? m.toGroupedYuanString() : "+" + m.toGroupedYuanString();
    }
}
