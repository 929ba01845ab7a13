package cn.laorenjia.settlement.supervision.page;

import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.register.page.PageOutcome;
import cn.laorenjia.settlement.register.page.RegisterPageService;
import cn.laorenjia.settlement.security.CurrentPerson;
import cn.laorenjia.settlement.security.Roles;
import cn.laorenjia.settlement.supervision.service.AnomalyRule;
import cn.laorenjia.settlement.supervision.service.CaseState;
import cn.laorenjia.settlement.supervision.service.SupervisionCases;
import cn.laorenjia.settlement.supervision.service.SupervisionCases.CaseDetail;
import cn.laorenjia.settlement.supervision.service.SupervisionCases.CasePage;
import cn.laorenjia.settlement.supervision.service.SupervisionCases.CaseQuery;
import cn.laorenjia.settlement.supervision.service.SupervisionCases.CaseView;
import cn.laorenjia.settlement.supervision.service.SupervisionError;
import cn.laorenjia.settlement.web.Chrome;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The flag queue (/supervision/cases): the cases, undecided first and the furthest past their threshold first,
 * filtered by month, rule and state; a case's page with its evidence (the meals, the senior masked), its history and
 * the supervisor's decision forms, posted as JSON by the register's page script. Everything goes through
 * {@link SupervisionCases}, which keeps the caller to their area.
 */
@Path("/supervision/cases")
@Tag(name = "supervision pages")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.SUPERVISOR})
public class CasePagesResource {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));
    private static final int PAGE_SIZE = 50;
    /** The most recent meals shown on the page; the API gives up to laorenjia.anomaly.evidence-limit. */
    private static final int EVIDENCE_ROWS = 50;

    public record Choice(String value, String label, boolean selected) {
    }

    public record Row(long id, String href, String rule, String subject, String place, String month, String score,
                      String threshold, long meals, String state, String stateLabel) {
    }

    public record Queue(String month, List<Choice> rules, List<Choice> states, List<Row> rows, long total, int page,
                        String previous, String next, boolean mayScan) {
    }

    public record Event(String at, String actor, String what, String score, String note) {
    }

    public record Meal(String at, String slot, String canteen, String terminal, String cashier, String identifiedBy,
                       String offline, String senior, String idNumber, String home) {
    }

    public record Sheet(long id, String rule, String month, String subject, String place, String scoreMeaning,
                        String score, String threshold, long meals, String summary, String state, String stateLabel,
                        String opened, String decided, String decisionNote, boolean mayReview, boolean mayDecide,
                        List<Event> events, List<Meal> evidence, int evidenceTotal, boolean evidenceCut) {
    }

    @CheckedTemplate(basePath = "supervision")
    static class Templates {
        static native TemplateInstance cases(Chrome chrome, Queue queue);

        static native TemplateInstance kase(Chrome chrome, Sheet sheet);

        static native TemplateInstance caseNotFound(Chrome chrome);
    }

    private final SupervisionCases cases;
    private final RegisterPageService pages;
    private final CurrentPerson person;

    public CasePagesResource(SupervisionCases cases, RegisterPageService pages, CurrentPerson person) {
        this.cases = cases;
        this.pages = pages;
        this.person = person;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "异常线索队列页面 (the flag queue)")
    public TemplateInstance queue(@QueryParam("month") String month, @QueryParam("rule") String rule,
                                  @QueryParam("state") String state, @QueryParam("page") @DefaultValue("0") int page,
                                  @QueryParam("done") String done) {
        String m = month != null && month.matches("\\d{4}-\\d{2}") ? month : "";
        String r = AnomalyRule.of(rule).map(Enum::name).orElse("");
        String s = Arrays.stream(CaseState.values()).map(Enum::name).filter(x -> x.equals(state)).findFirst().orElse("");
        CasePage result = cases.list(new CaseQuery(m, r, s, null, Math.max(0, page), PAGE_SIZE));
        List<Choice> rules = new ArrayList<>();
        rules.add(new Choice("", "全部规则", r.isEmpty()));
        Arrays.stream(AnomalyRule.values()).forEach(x -> rules.add(new Choice(x.name(), x.labelZh(), x.name().equals(r))));
        List<Choice> states = new ArrayList<>();
        states.add(new Choice("", "全部状态", s.isEmpty()));
        Arrays.stream(CaseState.values()).forEach(x -> states.add(new Choice(x.name(), x.labelZh(), x.name().equals(s))));
        List<Row> rows = result.items().stream().map(c -> new Row(c.id(), "/supervision/cases/" + c.id(),
                c.ruleLabel(), subject(c), c.district() + c.subdistrict(), c.month(), c.scoreText(), c.thresholdText(),
                c.meals(), c.state(), c.stateLabel())).toList();
        String base = "/supervision/cases?month=" + enc(m) + "&rule=" + enc(r) + "&state=" + enc(s) + "&page=";
        String previous = page > 0 ? base + (page - 1) : null;
        String next = (long) (page + 1) * PAGE_SIZE < result.total() ? base + (page + 1) : null;
        return Templates.cases(chrome("异常线索", done), new Queue(m, rules, states, rows, result.total(), page, previous,
                next, true));
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "一条异常线索的页面：证据（已遮挡）、处理经过和核查结论表单")
    public Response kase(@PathParam("id") long id, @QueryParam("done") String done) {
        CaseDetail detail;
        try {
            detail = cases.detail(id);
        } catch (ApiException e) {
            if (SupervisionError.UNKNOWN_CASE.name().equals(e.code())) {
                return Response.status(Response.Status.NOT_FOUND)
                        .entity(Templates.caseNotFound(chrome("未找到该线索", null))).build();
            }
            throw e;
        }
        CaseView c = detail.kase();
        boolean supervisor = person.roles().contains(Roles.SUPERVISOR);
        CaseState state = CaseState.valueOf(c.state());
        List<Event> events = detail.events().stream().map(e -> new Event(AT.format(e.at()), e.actor(), what(e.kind()),
                e.score() == null ? "" : String.valueOf(e.score()), e.note() == null ? "" : e.note())).toList();
        List<Meal> meals = detail.evidence().stream().map(e -> new Meal(AT.format(e.occurredAt()), slot(e.slot()),
                e.canteenCode(), e.terminalCode(), e.cashierNumber() == null ? "" : e.cashierNumber(),
                identified(e.identifiedBy()), offline(e.offlineOutcome()), e.seniorName(), e.seniorIdNumber(),
                e.seniorHome())).toList();
        Sheet sheet = new Sheet(c.id(), c.ruleLabel(), c.month(), subject(c), c.district() + c.subdistrict(),
                c.scoreMeaning(), c.scoreText(), c.thresholdText(), c.meals(), c.summary(), c.state(), c.stateLabel(),
                at(c.openedAt()), c.decidedAt() == null ? null : at(c.decidedAt()) + "，" + c.decidedBy(),
                c.decisionNote(), supervisor && state == CaseState.OPEN, supervisor && !state.decided(), events,
                meals.subList(0, Math.min(meals.size(), EVIDENCE_ROWS)), meals.size(), meals.size() > EVIDENCE_ROWS);
        return Response.ok(Templates.kase(chrome("异常线索 #" + id, done), sheet)).build();
    }

    @POST
    @Path("/{id}/review")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "页面表单：开始核查")
    public PageOutcome review(@PathParam("id") long id, Map<String, String> fields) {
        cases.startReview(id, fields == null ? null : fields.get("note"));
        return new PageOutcome("/supervision/cases/" + id + "?done=reviewed", List.of());
    }

    @POST
    @Path("/{id}/clear")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "页面表单：排除（不属实）")
    public PageOutcome clear(@PathParam("id") long id, Map<String, String> fields) {
        cases.clear(id, fields == null ? null : fields.get("note"));
        return new PageOutcome("/supervision/cases/" + id + "?done=cleared", List.of());
    }

    @POST
    @Path("/{id}/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "页面表单：确认（属实）")
    public PageOutcome confirm(@PathParam("id") long id, Map<String, String> fields) {
        cases.confirm(id, fields == null ? null : fields.get("note"));
        return new PageOutcome("/supervision/cases/" + id + "?done=confirmed", List.of());
    }

    @POST
    @Path("/scan")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "页面表单：重新筛查一个月")
    public PageOutcome scan(Map<String, String> fields) {
        String month = fields == null ? null : fields.get("month");
        cases.scan(SupervisionCases.month(month));
        return new PageOutcome("/supervision/cases?month=" + enc(month) + "&done=scanned", List.of());
    }

    private Chrome chrome(String title, String done) {
        return SupervisionNav.CASES.chrome(title, pages.who(person.username()), done);
    }

    private static String subject(CaseView c) {
        if (c.seniorId() != null) {
            return "老人 " + c.seniorName() + "（" + c.seniorIdNumber() + "）";
        }
        String canteen = c.canteenName() + "（" + c.canteenCode() + "）";
        return c.cashierNumber() == null ? canteen : canteen + " 收银员 " + c.cashierNumber();
    }

    private static String what(String kind) {
        return switch (kind) {
            case "OPENED" -> "筛查发现，立案";
            case "FOUND_AGAIN" -> "再次筛查，数值变化";
            case "REVIEW_STARTED" -> "开始核查";
            case "CLEARED" -> "排除（不属实）";
            case "CONFIRMED" -> "确认（属实）";
            default -> kind;
        };
    }

    private static String slot(String slot) {
        return switch (slot) {
            case "BREAKFAST" -> "早餐";
            case "LUNCH" -> "午餐";
            case "DINNER" -> "晚餐";
            default -> slot;
        };
    }

    private static String identified(String by) {
        return switch (by) {
            case "CARD" -> "刷卡";
            case "QR" -> "扫码";
            case "MANUAL" -> "人工核验";
            default -> by;
        };
    }

    private static String offline(String outcome) {
        if (outcome == null) {
            return "在线";
        }
        return "CONFLICT".equals(outcome) ? "离线（冲突）" : "离线（已确认）";
    }

    private static String at(Instant instant) {
        return AT.format(instant);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
