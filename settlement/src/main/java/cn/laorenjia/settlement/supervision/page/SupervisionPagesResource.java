package cn.laorenjia.settlement.supervision.page;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.settlement.finance.ChartSvg;
import cn.laorenjia.settlement.register.page.RegisterPageService;
import cn.laorenjia.settlement.security.AreaScope;
import cn.laorenjia.settlement.security.AreaScopes;
import cn.laorenjia.settlement.security.CurrentPerson;
import cn.laorenjia.settlement.security.Roles;
import cn.laorenjia.settlement.supervision.page.SupervisionModels.CanteenProfile;
import cn.laorenjia.settlement.supervision.page.SupervisionModels.CanteenTable;
import cn.laorenjia.settlement.supervision.page.SupervisionModels.CaseRow;
import cn.laorenjia.settlement.supervision.page.SupervisionModels.Comparison;
import cn.laorenjia.settlement.supervision.page.SupervisionModels.FigureRow;
import cn.laorenjia.settlement.supervision.page.SupervisionModels.Link;
import cn.laorenjia.settlement.supervision.page.SupervisionModels.MonthLine;
import cn.laorenjia.settlement.supervision.page.SupervisionModels.Overview;
import cn.laorenjia.settlement.supervision.page.SupervisionModels.SortLink;
import cn.laorenjia.settlement.supervision.service.AreaFigures;
import cn.laorenjia.settlement.supervision.service.CanteenCases;
import cn.laorenjia.settlement.supervision.service.CanteenSort;
import cn.laorenjia.settlement.supervision.service.SupervisionQueries;
import cn.laorenjia.settlement.supervision.service.SupervisionQueries.CanteenIdentity;
import cn.laorenjia.settlement.supervision.service.SupervisionQueries.Filter;
import cn.laorenjia.settlement.web.Chrome;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The supervisors' pages (监管): a month rolled up 区 → 街镇 → canteen with trends, and a canteen's profile. Read-only
 * for everyone who may see them (supervisors, administrators, finance), each kept to their area. Drill down by path:
 * {@code /supervision}, {@code /supervision/districts/{区}}, {@code /supervision/districts/{区}/subdistricts/{街镇}},
 * {@code /supervision/canteens/{code}}; {@code month}, {@code sort}, {@code dir} and {@code page} as query parameters.
 * Aggregates only: no senior is named or counted on their own here.
 */
@Path("/supervision")
@Tag(name = "supervision pages")
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMINISTRATOR, Roles.FINANCE})
public class SupervisionPagesResource {

    @CheckedTemplate(basePath = "supervision")
    static class Templates {
        static native TemplateInstance overview(Chrome chrome, Overview view);

        static native TemplateInstance canteen(Chrome chrome, CanteenProfile profile);

        static native TemplateInstance notFound(Chrome chrome, String message);
    }

    private static final String CARD_COLOUR = "#1f6fb2";
    private static final String QR_COLOUR = "#2e8b57";
    private static final String MANUAL_COLOUR = "#c0392b";
    private static final int CASES_SHOWN = 20;

    private final SupervisionQueries queries;
    private final AreaScopes scopes;
    private final CurrentPerson person;
    private final RegisterPageService people;
    private final CanteenCases cases;
    private final Clock clock;

    public SupervisionPagesResource(SupervisionQueries queries, AreaScopes scopes, CurrentPerson person,
                                    RegisterPageService people, CanteenCases cases, Clock clock) {
        this.queries = queries;
        this.scopes = scopes;
        this.person = person;
        this.people = people;
        this.cases = cases;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "监管概览：本人监管范围内各区的月度数字、趋势与食堂排行")
    public Response overview(@QueryParam("month") String month, @QueryParam("sort") String sort,
                             @QueryParam("dir") String dir, @QueryParam("page") String page) {
        return level(null, null, month, sort, dir, page);
    }

    @GET
    @Path("/districts/{district}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "一个区：各街镇的月度数字、趋势与食堂排行")
    public Response district(@PathParam("district") String district, @QueryParam("month") String month,
                             @QueryParam("sort") String sort, @QueryParam("dir") String dir,
                             @QueryParam("page") String page) {
        return level(district, null, month, sort, dir, page);
    }

    @GET
    @Path("/districts/{district}/subdistricts/{subdistrict}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "一个街镇：各食堂的月度数字（可排序、分页）与趋势")
    public Response subdistrict(@PathParam("district") String district, @PathParam("subdistrict") String subdistrict,
                                @QueryParam("month") String month, @QueryParam("sort") String sort,
                                @QueryParam("dir") String dir, @QueryParam("page") String page) {
        return level(district, subdistrict, month, sort, dir, page);
    }

    @GET
    @Path("/canteens/{code}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "一个食堂的概况：基本信息、月度数字、每日趋势、识别方式、与街镇中位数比较、近几个月")
    public Response canteen(@PathParam("code") String code, @QueryParam("month") String month) {
        AreaScope scope = scopes.current();
        YearMonth m = month(month);
        Optional<CanteenIdentity> found = code.length() > 40 ? Optional.empty() : queries.canteen(scope, code);
        if (found.isEmpty()) {
            return notFound("未找到该食堂，或它不在您的监管范围内。");
        }
        CanteenIdentity c = found.get();
        Filter self = new Filter(scope, null, null, c.id());
        List<AreaFigures> peers = queries.allCanteens(Filter.area(scope, c.district(), c.subdistrict()), m);
        AreaFigures mine = peers.stream().filter(p -> p.code().equals(c.code())).findFirst()
                .orElseGet(() -> queries.allCanteens(self, m).get(0));
        String canteenPath = "/supervision/canteens/" + enc(c.code());

        List<Comparison> comparisons = List.of(
                new Comparison("补贴餐次", Figures.count(mine.subsidisedMeals()),
                        Figures.count(Math.round(median(peers, f -> f.subsidisedMeals())))),
                new Comparison("应付金额（元）", Figures.yuan(mine.owed()),
                        Figures.yuan(cn.laorenjia.core.money.Money.ofFen(Math.round(median(peers, f -> f.owed().fen()))))),
                new Comparison("补贴餐占全部售餐", Figures.share(mine.subsidisedShare()),
                        Figures.share(medianShare(peers, AreaFigures::subsidisedShare))),
                new Comparison("手工查找占比", Figures.share(mine.manualShare()),
                        Figures.share(medianShare(peers, AreaFigures::manualShare))),
                new Comparison("离线补录占比", Figures.share(mine.offlineShare()),
                        Figures.share(medianShare(peers, AreaFigures::offlineShare))));

        List<AreaFigures.MonthPoint> months = queries.months(self, m);
        List<MonthLine> monthLines = months.stream().map(p -> new MonthLine(Figures.month(p.month()),
                canteenPath + "?month=" + p.month(), Figures.count(p.meals()), Figures.yuan(p.owed()))).toList();

        List<CaseRow> caseRows = cases.forCanteen(c.id(), CASES_SHOWN).stream()
                .map(l -> new CaseRow(l.href(), l.rule(), l.state(), l.openedOn(), l.summary())).toList();

        List<Link> crumbs = crumbs(c.district(), c.subdistrict(), m);
        CanteenProfile profile = new CanteenProfile(m.toString(), Figures.month(m), m.minusMonths(1).toString(),
                m.plusMonths(1).toString(), crumbs, c.code(), c.name(), c.district(), c.subdistrict(),
                c.address() == null ? "未登记" : c.address(), c.standardSetPrice().toYuanString(),
                c.active() ? "营业" : "停用", c.activeTerminals() + " 台在用（共 " + c.terminals() + " 台）",
                c.activeCashiers() + " 名在岗", row(mine, null), comparisons, Figures.count(peers.size()),
                daysChart(self, m), mixChart(mine), monthsChart(months), monthLines, caseRows, canteenPath);
        return Response.ok(Templates.canteen(chrome("食堂概况：" + c.name()), profile)).build();
    }

    private Response level(String district, String subdistrict, String month, String sort, String dir, String page) {
        AreaScope scope = scopes.current();
        YearMonth m = month(month);
        if (!within(scope, district, subdistrict) || tooLong(district) || tooLong(subdistrict)) {
            return notFound("该地区不在您的监管范围内。");
        }
        Filter filter = Filter.area(scope, district, subdistrict);
        List<AreaFigures> all = queries.allCanteens(filter, m);
        AreaFigures.Level level = SupervisionQueries.level(filter, all);
        if (district != null && level.total().canteens() == 0) {
            return notFound("该地区没有登记的食堂，或不在您的监管范围内。");
        }
        CanteenSort by = CanteenSort.of(sort);
        boolean descending = dir == null ? by != CanteenSort.CODE && by != CanteenSort.NAME : !"asc".equals(dir);
        AreaFigures.CanteenPage canteens = SupervisionQueries.page(all, by, descending, pageNumber(page) - 1);

        String path = district == null ? "/supervision" : subdistrict == null
                ? "/supervision/districts/" + enc(district)
                : "/supervision/districts/" + enc(district) + "/subdistricts/" + enc(subdistrict);
        List<FigureRow> children = level.rows().stream().map(r -> row(r, r.subdistrict() == null
                ? "/supervision/districts/" + enc(r.district()) + "?month=" + m
                : "/supervision/districts/" + enc(r.district()) + "/subdistricts/" + enc(r.subdistrict())
                + "?month=" + m)).toList();
        String levelLabel = district == null ? "监管范围：" + scope.labelZh()
                : subdistrict == null ? district : district + " " + subdistrict;
        String childLabel = district == null ? "区" : "街镇";

        List<SortLink> headings = new ArrayList<>();
        for (CanteenSort s : CanteenSort.values()) {
            boolean current = s == by;
            boolean nextDescending = current ? !descending : s != CanteenSort.CODE && s != CanteenSort.NAME;
            headings.add(new SortLink(s.labelZh(), path + "?month=" + m + "&sort=" + s.name().toLowerCase()
                    + "&dir=" + (nextDescending ? "desc" : "asc") + "#canteens",
                    current ? (descending ? "descending" : "ascending") : null));
        }
        String pageBase = path + "?month=" + m + "&sort=" + by.name().toLowerCase() + "&dir="
                + (descending ? "desc" : "asc") + "&page=";
        int shown = canteens.page() + 1;
        CanteenTable table = new CanteenTable(Figures.count(canteens.total()), shown, canteens.pages(), headings,
                canteens.rows().stream().map(r -> row(r, "/supervision/canteens/" + enc(r.code()) + "?month=" + m))
                        .toList(),
                shown > 1 ? pageBase + (shown - 1) + "#canteens" : null,
                shown < canteens.pages() ? pageBase + (shown + 1) + "#canteens" : null);

        List<AreaFigures.MonthPoint> months = queries.months(filter, m);
        Overview view = new Overview(m.toString(), Figures.month(m), m.minusMonths(1).toString(),
                m.plusMonths(1).toString(), crumbs(district, subdistrict, m), levelLabel, childLabel, scope.labelZh(),
                row(level.total(), null), children, subdistrict == null, table, monthsChart(months),
                daysChart(filter, m), mixChart(level.total()), path);
        String title = district == null ? "监管概览" : subdistrict == null ? district + " 概览" : subdistrict + " 概览";
        return Response.ok(Templates.overview(chrome(title), view)).build();
    }

    /** Whether a 区 (and 街镇) asked for in the address lies within the caller's area. */
    static boolean within(AreaScope scope, String district, String subdistrict) {
        if (scope.isAll()) {
            return true;
        }
        if (scope.district() == null) {
            return false; // no area at all
        }
        if (district == null) {
            return true; // the top level: the query keeps to the area
        }
        if (!scope.district().equals(district)) {
            return false;
        }
        return scope.subdistrict() == null || subdistrict == null || scope.subdistrict().equals(subdistrict);
    }

    private static boolean tooLong(String name) {
        return name != null && name.length() > 32;
    }

    private List<Link> crumbs(String district, String subdistrict, YearMonth m) {
        List<Link> crumbs = new ArrayList<>();
        crumbs.add(new Link("全部", "/supervision?month=" + m));
        if (district != null) {
            crumbs.add(new Link(district, "/supervision/districts/" + enc(district) + "?month=" + m));
        }
        if (subdistrict != null) {
            crumbs.add(new Link(subdistrict, "/supervision/districts/" + enc(district) + "/subdistricts/"
                    + enc(subdistrict) + "?month=" + m));
        }
        return crumbs;
    }

    private static FigureRow row(AreaFigures f, String href) {
        return new FigureRow(f.key(), f.name(), href, Figures.count(f.canteens()), Figures.count(f.subsidisedMeals()),
                Figures.yuan(f.owed()), f.tillMeals() == 0 ? "—" : Figures.count(f.tillMeals()),
                Figures.share(f.subsidisedShare()), Figures.share(f.cardShare()), Figures.share(f.qrShare()),
                Figures.share(f.manualShare()), Figures.share(f.offlineShare()),
                f.subdistrict() == null ? f.district() : f.subdistrict());
    }

    private String daysChart(Filter filter, YearMonth m) {
        List<ChartSvg.Bar> bars = queries.days(filter, m).stream().map(p -> new ChartSvg.Bar(
                Integer.toString(p.date().getDayOfMonth()), p.meals(),
                p.date().getDayOfMonth() + "日: " + Figures.count(p.meals()) + " 次，" + Figures.yuan(p.owed()) + " 元"))
                .toList();
        return ChartSvg.bars(Figures.month(m) + " 每日补贴餐次", "每日补贴餐次", "日期(日)", bars);
    }

    private static String monthsChart(List<AreaFigures.MonthPoint> months) {
        List<ChartSvg.Bar> bars = months.stream().map(p -> new ChartSvg.Bar(p.month().getMonthValue() + "月",
                p.meals(), Figures.month(p.month()) + ": " + Figures.count(p.meals()) + " 次，"
                + Figures.yuan(p.owed()) + " 元")).toList();
        return ChartSvg.bars("近" + months.size() + "个月 补贴餐次", "近几个月补贴餐次", "月份", bars);
    }

    private static String mixChart(AreaFigures f) {
        return ChartSvg.shares("老人身份识别方式占比", List.of(new ChartSvg.Share("刷卡", f.card(), CARD_COLOUR),
                new ChartSvg.Share("二维码", f.qr(), QR_COLOUR), new ChartSvg.Share("手工查找", f.manual(), MANUAL_COLOUR)));
    }

    private static double median(List<AreaFigures> rows, ToDoubleFunction<AreaFigures> value) {
        return medianOf(rows.stream().mapToDouble(value).sorted().toArray());
    }

    /** The median of the canteens that have the share at all (a canteen without sales has none); null if none has. */
    private static Double medianShare(List<AreaFigures> rows, java.util.function.Function<AreaFigures, Double> share) {
        double[] values = rows.stream().map(share).filter(v -> v != null).mapToDouble(Double::doubleValue).sorted()
                .toArray();
        return values.length == 0 ? null : medianOf(values);
    }

    static double medianOf(double[] sorted) {
        if (sorted.length == 0) {
            return 0;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The month asked for, or this month (Asia/Shanghai) for anything that is not a month of 2000 to next year. */
    private YearMonth month(String month) {
        YearMonth now = YearMonth.from(clock.instant().atZone(ChinaCalendar.ZONE));
        if (month == null || month.length() != 7) {
            return now;
        }
        try {
            YearMonth m = YearMonth.parse(month);
            return m.getYear() < 2000 || m.isAfter(now.plusMonths(12)) ? now : m;
        } catch (RuntimeException e) {
            return now;
        }
    }

    static int pageNumber(String page) {
        if (page == null || page.isEmpty() || page.length() > 6 || !page.chars().allMatch(Character::isDigit)) {
            return 1;
        }
        return Math.max(Integer.parseInt(page), 1);
    }

    private Response notFound(String message) {
        return Response.status(Response.Status.NOT_FOUND).entity(Templates.notFound(chrome("未找到"), message)).build();
    }

    private Chrome chrome(String title) {
        return SupervisionNav.OVERVIEW.chrome(title, people.who(person.username()), null);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
