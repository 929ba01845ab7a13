package cn.laorenjia.settlement.replay.page;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.PlainYaml;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.policy.YamlFields;
import cn.laorenjia.settlement.register.page.RegisterPageService;
import cn.laorenjia.settlement.replay.draft.DraftConfig;
import cn.laorenjia.settlement.replay.draft.DraftView;
import cn.laorenjia.settlement.replay.draft.PolicyDrafts;
import cn.laorenjia.settlement.replay.page.ReplayPageModels.AreaRow;
import cn.laorenjia.settlement.replay.page.ReplayPageModels.CatalogueRow;
import cn.laorenjia.settlement.replay.page.ReplayPageModels.Choice;
import cn.laorenjia.settlement.replay.page.ReplayPageModels.ChoiceGroup;
import cn.laorenjia.settlement.replay.page.ReplayPageModels.DraftRow;
import cn.laorenjia.settlement.replay.page.ReplayPageModels.Figures;
import cn.laorenjia.settlement.replay.page.ReplayPageModels.Line;
import cn.laorenjia.settlement.replay.page.ReplayPageModels.Period;
import cn.laorenjia.settlement.replay.page.ReplayPageModels.RouteRow;
import cn.laorenjia.settlement.replay.page.ReplayPageModels.RunRow;
import cn.laorenjia.settlement.replay.run.ReplayRunView;
import cn.laorenjia.settlement.replay.run.ReplayRuns;
import cn.laorenjia.settlement.replay.run.ReplayXlsx;
import cn.laorenjia.settlement.replay.service.ReplayAreaRow;
import cn.laorenjia.settlement.replay.service.ReplayFigures;
import cn.laorenjia.settlement.replay.service.ReplayReport;
import cn.laorenjia.settlement.security.CurrentPerson;
import cn.laorenjia.settlement.security.Roles;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The policy replay's pages (政策测算), administrators only: upload or edit a proposed policy (a draft), list the drafts
 * and the catalogue's versions, choose a version and a period and compare (the page's script posts to the API with the
 * cross-site proof header and waits, showing 正在计算…), and a stored run's report with its XLSX.
 */
@Path("/replay")
@Tag(name = "replay pages")
@RolesAllowed(Roles.ADMINISTRATOR)
public class ReplayPagesResource {

    @CheckedTemplate(basePath = "replay")
    static class Templates {
        static native TemplateInstance home(Chrome chrome, String editing, String yaml, List<DraftRow> drafts,
                                            List<CatalogueRow> catalogue, List<ChoiceGroup> versions, Period period,
                                            List<RunRow> runs, long maxBytes);

        static native TemplateInstance run(Chrome chrome, ReplayRunView run, String revision, String period,
                                           String at, String took, String attempts, List<Line> totals,
                                           String newlyReached, String noLongerReached, List<AreaRow> areas,
                                           Figures overall, List<RouteRow> routes, String unknowable,
                                           String routesNote);
    }

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(SHANGHAI);
    private static final int RUNS = 20;

    private final PolicyDrafts drafts;
    private final ReplayRuns runs;
    private final RegisterPageService pages;
    private final CurrentPerson person;
    private final Clock clock;
    private final long maxBytes;

    public ReplayPagesResource(PolicyDrafts drafts, ReplayRuns runs, RegisterPageService pages, CurrentPerson person,
                               Clock clock, DraftConfig config) {
        this.drafts = drafts;
        this.runs = runs;
        this.pages = pages;
        this.person = person;
        this.clock = clock;
        this.maxBytes = config.maxSize().asLongValue();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "政策测算页面 (drafts, versions, run a comparison, past runs)")
    public TemplateInstance home(@QueryParam("edit") String edit, @QueryParam("template") String template,
                                 @QueryParam("version") String chosen, @QueryParam("done") String done) {
        String editing = null;
        String yaml = "";
        if (edit != null) {
            DraftView draft = drafts.live(edit);
            editing = draft.versionId();
            yaml = draft.yaml();
        } else if (template != null) {
            yaml = catalogueText(template).orElse("");
        }
        List<DraftView> all = drafts.drafts();
        List<DraftRow> draftRows = all.stream().map(d -> new DraftRow(d.versionId(), d.titleZh(), d.jurisdiction(),
                d.revision(), stateZh(d), d.withdrawn(), AT.format(d.at()), d.actor())).toList();
        List<PolicyVersion> catalogue = drafts.catalogueVersions();
        List<CatalogueRow> catalogueRows = catalogue.stream().map(v -> new CatalogueRow(v.id(), v.titleZh(),
                v.jurisdiction(), v.effectiveFrom().toString(),
                v.effectiveUntil().map(LocalDate::toString).orElse("至今"))).toList();
        // what to replay unless the address says: the newest draft, else the newest real (not illustrative) version
        String selected = chosen != null ? chosen : editing != null ? editing
                : all.stream().filter(d -> !d.withdrawn()).map(DraftView::versionId).findFirst()
                .orElseGet(() -> catalogue.stream().filter(v -> !v.illustrative())
                        .max(Comparator.comparing(PolicyVersion::effectiveFrom))
                        .map(PolicyVersion::id).orElse(null));
        List<Choice> draftChoices = all.stream().filter(d -> !d.withdrawn())
                .map(d -> new Choice(d.versionId(), d.versionId() + "（草案第 " + d.revision() + " 版）" + d.titleZh(),
                        d.versionId().equals(selected))).toList();
        List<Choice> catalogueChoices = catalogue.stream()
                .map(v -> new Choice(v.id(), v.id() + "（正式版本）" + v.titleZh(), v.id().equals(selected))).toList();
        List<ChoiceGroup> versions = new ArrayList<>();
        if (!draftChoices.isEmpty()) {
            versions.add(new ChoiceGroup("政策草案", draftChoices));
        }
        versions.add(new ChoiceGroup("正式政策版本", catalogueChoices));
        List<RunRow> past = runs.latest(RUNS).stream().map(r -> new RunRow(r.id(), AT.format(r.at()), r.actor(),
                r.versionId(), r.from() + " 至 " + r.to(),
                Money.ofFen(r.actualTotalFen()).toGroupedYuanString(),
                Money.ofFen(r.proposedTotalFen()).toGroupedYuanString(),
                ReplayPageModels.signed(Money.ofFen(r.proposedTotalFen() - r.actualTotalFen())),
                seconds(r.elapsedMillis()))).toList();
        String title = editing == null ? "政策测算" : "修改政策草案 " + editing;
        return Templates.home(ReplayNav.HOME.chrome(title, pages.who(person.username()), done), editing, yaml,
                draftRows, catalogueRows, versions, period(), past, maxBytes);
    }

    @GET
    @Path("/runs/{id}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "一次测算的结果页面 (as stored when it ran)")
    public TemplateInstance run(@PathParam("id") long id) {
        ReplayRunView run = runs.find(id);
        ReplayReport r = run.report();
        ReplayFigures a = r.total().actual();
        ReplayFigures p = r.total().proposed();
        List<Line> totals = List.of(
                new Line("meals", "补贴餐次", ReplayPageModels.count(a.meals()), ReplayPageModels.count(p.meals()),
                        ReplayPageModels.signed(p.meals() - a.meals())),
                money("discounts", "助餐补贴（减免）", a.discounts(), p.discounts()),
                money("operating", "运营补贴", a.operatingSubsidies(), p.operatingSubsidies()),
                money("total", "合计", a.total(), p.total()),
                new Line("seniors", "惠及老人数", ReplayPageModels.count(a.seniorsReached()),
                        ReplayPageModels.count(p.seniorsReached()),
                        ReplayPageModels.signed(p.seniorsReached() - a.seniorsReached())));
        List<AreaRow> areas = r.areas().stream().map(ReplayPagesResource::areaRow).toList();
        List<AreaRow> withChildren = areas.stream().map(row -> new AreaRow(row.level(), row.key(), row.parent(),
                row.code(), row.name(), row.figures(), areas.stream().anyMatch(o -> row.key().equals(o.parent()))))
                .toList();
        List<RouteRow> routes = r.routes().stream().map(x -> new RouteRow(x.route().name(), x.route().labelZh(),
                Figures.of(x.figures()))).toList();
        String revision = run.draftRevision() == null ? "正式版本" : "草案第 " + run.draftRevision() + " 版";
        return Templates.run(ReplayNav.HOME.chrome("测算结果：" + r.proposedVersionId(), pages.who(person.username()),
                        null), run, revision, r.period().from() + " 至 " + r.period().to() + "（" + r.period().days() + " 天）",
                AT.format(run.at()), seconds(r.elapsed().toMillis()), ReplayPageModels.count(r.attemptsReplayed()),
                totals, ReplayPageModels.count(r.seniorsNewlyReached()),
                ReplayPageModels.count(r.seniorsNoLongerReached()), withChildren, Figures.of(r.total()), routes,
                ReplayXlsx.UNKNOWABLE, ReplayXlsx.ROUTES_NOTE);
    }

    private static Line money(String key, String label, Money actual,
                              Money proposed) {
        return new Line(key, label, actual.toGroupedYuanString(), proposed.toGroupedYuanString(),
                ReplayPageModels.signed(proposed.minus(actual)));
    }

    private static AreaRow areaRow(ReplayAreaRow a) {
        String district = a.district();
        String subdistrict = a.subdistrict();
        return switch (a.level()) {
            case DISTRICT -> new AreaRow("district", district, "", "", a.nameZh(), Figures.of(a.figures()), false);
            case SUBDISTRICT -> new AreaRow("subdistrict", district + "|" + subdistrict, district, "", a.nameZh(),
                    Figures.of(a.figures()), false);
            case CANTEEN -> new AreaRow("canteen", district + "|" + subdistrict + "|" + a.code(),
                    district + "|" + subdistrict, a.code(), a.nameZh(), Figures.of(a.figures()), false);
        };
    }

    private static String stateZh(DraftView d) {
        return switch (d.kind()) {
            case DraftView.WITHDRAWN -> "已撤回";
            case DraftView.EDITED -> "已修改";
            default -> "已上传";
        };
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f 秒", millis / 1000.0);
    }

    /** Last month and last quarter, as finance counts them, by the service's clock in Asia/Shanghai. */
    private Period period() {
        LocalDate today = ChinaCalendar.mealDate(clock.instant());
        YearMonth lastMonth = YearMonth.from(today).minusMonths(1);
        int quarterStartMonth = ((today.getMonthValue() - 1) / 3) * 3 + 1;
        LocalDate quarterStart = LocalDate.of(today.getYear(), quarterStartMonth, 1).minusMonths(3);
        LocalDate quarterEnd = quarterStart.plusMonths(3).minusDays(1);
        return new Period(lastMonth.atDay(1).toString(), lastMonth.atEndOfMonth().toString(),
                lastMonth.atDay(1).toString(), lastMonth.atEndOfMonth().toString(), quarterStart.toString(),
                quarterEnd.toString(), today.toString());
    }

    /**
     * The text of a catalogue version's file, as a start for a draft (its id given a -draft suffix, so it does not
     * clash with the version itself). Read through the catalogue's index, as the catalogue finds its files.
     */
    static Optional<String> catalogueText(String versionId) {
        YamlFields index = PlainYaml.loadMapping(open("index.yaml"), "index.yaml");
        for (YamlFields entry : index.mappings("jurisdictions")) {
            for (Object file : entry.optionalList("versions")) {
                String text = read(String.valueOf(file));
                if (text.contains("\nid: " + versionId + "\n")) {
                    return Optional.of(text.replace("\nid: " + versionId + "\n", "\nid: " + versionId + "-draft\n"));
                }
            }
        }
        return Optional.empty();
    }

    private static InputStream open(String name) {
        InputStream in = PolicyCatalog.class.getClassLoader().getResourceAsStream(PolicyCatalog.DEFAULT_RESOURCE_ROOT + name);
        if (in == null) {
            throw new IllegalStateException("policy file missing: " + name);
        }
        return in;
    }

    private static String read(String name) {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
