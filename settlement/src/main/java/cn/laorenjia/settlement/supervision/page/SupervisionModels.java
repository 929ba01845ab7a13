package cn.laorenjia.settlement.supervision.page;

import io.quarkus.qute.TemplateData;

import java.util.List;

/**
 * What the supervision pages show, already formatted: counts with thousands separators, money in yuan with them,
 * shares as percentages ("—" without a base), links built. The templates only place these values.
 */
public final class SupervisionModels {

    private SupervisionModels() {
    }

    @TemplateData
    public record Link(String label, String href) {
    }

    /** A row of a roll-up table: an area or a canteen with its month. {@code href} drills down. */
    @TemplateData
    public record FigureRow(String key, String label, String href, String canteens, String subsidisedMeals,
                            String owed, String tillMeals, String subsidisedShare, String cardShare, String qrShare,
                            String manualShare, String offlineShare, String area) {
    }

    /** A column heading of the canteen table: a link that sorts by it (the other way when it is the sort already). */
    @TemplateData
    public record SortLink(String label, String href, String ariaSort) {
    }

    @TemplateData
    public record CanteenTable(String total, int page, int pages, List<SortLink> headings, List<FigureRow> rows,
                               String previous, String next) {
    }

    /** The roll-up page of one level: the scope's 区, a 区's 街镇 or a 街镇's canteens. */
    @TemplateData
    public record Overview(String month, String monthLabel, String previousMonth, String nextMonth,
                           List<Link> breadcrumbs, String levelLabel, String childLabel, String scopeLabel,
                           FigureRow total, List<FigureRow> children, boolean showChildren, CanteenTable canteens,
                           String monthsChart, String daysChart, String mixChart, String formAction) {
    }

    /** One comparison line of the profile: this canteen against the median of its 街镇's canteens. */
    @TemplateData
    public record Comparison(String label, String canteen, String median) {
    }

    @TemplateData
    public record MonthLine(String month, String href, String meals, String owed) {
    }

    @TemplateData
    public record CaseRow(String href, String rule, String state, String openedOn, String summary) {
    }

    @TemplateData
    public record CanteenProfile(String month, String monthLabel, String previousMonth, String nextMonth,
                                 List<Link> breadcrumbs, String code, String name, String district,
                                 String subdistrict, String address, String standardPrice, String status,
                                 String terminals, String cashiers, FigureRow figures, List<Comparison> comparisons,
                                 String subdistrictCanteens, String daysChart, String mixChart, String monthsChart,
                                 List<MonthLine> months, List<CaseRow> cases, String formAction) {
    }
}
