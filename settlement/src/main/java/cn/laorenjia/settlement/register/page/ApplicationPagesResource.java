package cn.laorenjia.settlement.register.page;

import cn.laorenjia.core.policy.EligibilityRoute;
import cn.laorenjia.core.senior.Fact;
import cn.laorenjia.core.senior.FactKind;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.core.senior.Period;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCodes;
import cn.laorenjia.settlement.error.InvalidRequest;
import cn.laorenjia.settlement.register.entity.Card;
import cn.laorenjia.settlement.register.entity.EnrolmentApplication;
import cn.laorenjia.settlement.register.page.PageModels.ApplicationList;
import cn.laorenjia.settlement.register.page.PageModels.ApplicationRow;
import cn.laorenjia.settlement.register.page.PageModels.ApplicationSheet;
import cn.laorenjia.settlement.web.Chrome;
import cn.laorenjia.settlement.register.page.PageModels.Choice;
import cn.laorenjia.settlement.register.page.PageModels.ChoiceGroup;
import cn.laorenjia.settlement.register.page.PageModels.EventRow;
import cn.laorenjia.settlement.register.page.PageModels.NewApplicationForm;
import cn.laorenjia.settlement.register.page.PageModels.ReviewPanel;
import cn.laorenjia.settlement.register.service.ApplicationQuery;
import cn.laorenjia.settlement.register.service.ApplicationViews.ApplicationPage;
import cn.laorenjia.settlement.register.service.ApplicationViews.ApplicationView;
import cn.laorenjia.settlement.register.service.ApplicationViews.Approved;
import cn.laorenjia.settlement.register.service.EnrolmentApplications;
import cn.laorenjia.settlement.register.service.NewApplication;
import cn.laorenjia.settlement.register.service.NewSenior;
import cn.laorenjia.settlement.security.AreaScope;
import cn.laorenjia.settlement.security.AreaScopes;
import cn.laorenjia.settlement.register.service.SeniorEligibility.EligibilityView;
import cn.laorenjia.settlement.register.service.SeniorEligibility.ReasonView;
import cn.laorenjia.settlement.register.service.SeniorEligibility.RouteView;
import cn.laorenjia.settlement.register.service.Subdistricts;
import cn.laorenjia.settlement.security.CurrentPerson;
import cn.laorenjia.settlement.security.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
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

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The applications' pages (/register/applications): the list, a form to apply on a senior's behalf, and an
 * application's page with the core's eligibility today (the route claimed against the routes found, every reason)
 * and the review's steps. Everything goes through {@link EnrolmentApplications}, which keeps a 街道 clerk to their
 * own 街镇; forms are posted by the pages' script as JSON and answered with where to go next.
 */
@Path("/register/applications")
@Tag(name = "register pages")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.CLERK})
public class ApplicationPagesResource {

    @CheckedTemplate(basePath = "register")
    static class Templates {
        static native TemplateInstance applications(Chrome chrome, ApplicationList list);

        static native TemplateInstance newApplication(Chrome chrome, NewApplicationForm form);

        static native TemplateInstance application(Chrome chrome, ApplicationSheet sheet);
    }

    /** The documents a clerk usually sees, offered as boxes to tick; anything else is typed. */
    static final List<String> DOCUMENTS = List.of("身份证", "户口簿", "低保证", "残疾证", "失能等级评估报告",
            "居家养老服务补贴证明", "探访关爱服务对象证明");
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));
    private static final int FACT_ROWS = 2;

    private final EnrolmentApplications applications;
    private final RegisterPageService pages;
    private final Subdistricts subdistricts;
    private final AreaScopes scopes;
    private final CurrentPerson person;

    public ApplicationPagesResource(EnrolmentApplications applications, RegisterPageService pages,
                                    Subdistricts subdistricts, AreaScopes scopes, CurrentPerson person) {
        this.applications = applications;
        this.pages = pages;
        this.subdistricts = subdistricts;
        this.scopes = scopes;
        this.person = person;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "助餐申请列表页面 (masked; a clerk sees only their 街镇)")
    public TemplateInstance list(@QueryParam("state") String state) {
        Optional<EnrolmentApplication.State> selected = Arrays.stream(EnrolmentApplication.State.values())
                .filter(s -> s.name().equals(state)).findFirst();
        ApplicationPage page = applications.list(new ApplicationQuery(selected, null, null, 0,
                RegisterPageService.PAGE_SIZE));
        List<Choice> states = new ArrayList<>();
        states.add(new Choice("", "全部状态", selected.isEmpty()));
        Arrays.stream(EnrolmentApplication.State.values())
                .forEach(s -> states.add(new Choice(s.name(), s.labelZh(), selected.filter(s::equals).isPresent())));
        List<ApplicationRow> rows = page.items().stream().map(a -> new ApplicationRow(a.id(), a.idNumber(), a.name(),
                a.district() + a.subdistrict(), a.routeLabel(), a.stateLabel(), AT.format(a.submittedAt()),
                a.submittedBy())).toList();
        return Templates.applications(chrome("申请审核", null), new ApplicationList(states, page.total(),
                page.total() > rows.size(), rows));
    }

    @GET
    @Path("/new")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "代老人提交助餐申请的页面")
    public TemplateInstance newApplication() {
        List<Choice> routes = Arrays.stream(EligibilityRoute.values())
                .map(r -> new Choice(r.name(), r.labelZh(), r == EligibilityRoute.AGE_80_LOCAL)).toList();
        List<Choice> documents = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS.size(); i++) {
            documents.add(new Choice("evidence-" + i, DOCUMENTS.get(i), false));
        }
        // the submission's idempotency key: a retried post of this form answers the stored application
        return Templates.newApplication(chrome("代老人提交助餐申请", null),
                new NewApplicationForm(UUID.randomUUID().toString(), places(), routes, documents));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "页面表单：代老人提交助餐申请")
    public PageOutcome submit(Map<String, String> fields) {
        PageForm form = new PageForm(fields);
        UUID submissionId;
        try {
            submissionId = UUID.fromString(form.required("submissionId", "提交编号"));
        } catch (IllegalArgumentException e) {
            throw InvalidRequest.of("submissionId", "提交编号无效，请刷新页面后重新填写");
        }
        IdNumber idNumber = IdNumber.parse(form.required("idNumber", "身份证号"));
        String place = form.required("place", "区、街镇");
        int bar = place.indexOf('|');
        if (bar < 0) {
            throw InvalidRequest.of("place", "请选择区、街镇");
        }
        EligibilityRoute route = form.choice(EligibilityRoute.class, "route", "申请途径");
        List<String> evidence = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS.size(); i++) {
            if (form.text("evidence-" + i).isPresent()) {
                evidence.add(DOCUMENTS.get(i));
            }
        }
        form.text("evidenceOther").ifPresent(o -> Arrays.stream(o.split("[、，,；;]"))
                .map(String::strip).filter(s -> !s.isEmpty()).forEach(evidence::add));
        if (evidence.isEmpty()) {
            throw InvalidRequest.of("evidence", "请勾选或填写核验过的材料（如 户口簿、身份证）");
        }
        NewApplication command = InvalidRequest.converting(() -> new NewApplication(submissionId, idNumber,
                form.required("name", "姓名"), form.text("phone").orElse(null), place.substring(0, bar),
                place.substring(bar + 1), route, evidence, true));
        EnrolmentApplications.Submitted submitted = applications.submit(command);
        return PageOutcome.to(applicationPage(submitted.application().id(), "submitted"));
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "一份助餐申请的页面：今日资格（申请途径与实际符合的途径、全部理由）、审核步骤与操作")
    public Response application(@PathParam("id") long id, @QueryParam("done") String done) {
        ApplicationView a;
        try {
            a = applications.get(id, false, null);
        } catch (ApiException e) {
            if (!ErrorCodes.UNKNOWN_APPLICATION.equals(e.code())) {
                throw e;
            }
            return Response.status(Response.Status.NOT_FOUND).entity(SeniorPagesResource.Templates.notFound(chrome("未找到", null),
                    e.messageZh(), RegisterNav.APPLICATIONS.href())).build();
        }
        LocalDate today = applications.today();
        ReviewPanel review = review(applications.assess(id, Optional.of(today), List.of()));
        List<EventRow> events = a.events().stream().map(e -> new EventRow(AT.format(e.at()), e.actor(), e.toLabel(),
                e.reason() == null ? "" : e.reason())).toList();
        EnrolmentApplication.State s = a.state();
        ApplicationSheet sheet = new ApplicationSheet(a.id(), a.idNumber(), a.name(), a.phone() == null ? "" : a.phone(),
                a.district() + " " + a.subdistrict(), a.routeLabel(), String.join("、", a.evidence()),
                a.onBehalf() ? "经办人员代为申请" : "老人本人申请", s.name(), a.stateLabel(), at(a.submittedAt()),
                a.submittedBy(), a.seniorId(), a.decidedOn() == null ? "" : a.decidedOn().toString(),
                a.decidedBy() == null ? "" : a.decidedBy(), a.refusalReason() == null ? "" : a.refusalReason(),
                a.withdrawnFrom() == null ? "" : a.withdrawnFrom().toString(), events, review, today.toString(),
                s == EnrolmentApplication.State.SUBMITTED, s == EnrolmentApplication.State.UNDER_REVIEW,
                s == EnrolmentApplication.State.SUBMITTED || s == EnrolmentApplication.State.UNDER_REVIEW
                        || s == EnrolmentApplication.State.APPROVED,
                s == EnrolmentApplication.State.APPROVED, factRows(), RegisterPageService.factKinds(),
                RegisterPageService.factValues());
        return Response.ok(Templates.application(chrome("助餐申请 #" + id, done), sheet)).build();
    }

    @POST
    @Path("/{id}/review-start")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "页面表单：开始审核")
    public PageOutcome startReview(@PathParam("id") long id, Map<String, String> fields) {
        applications.startReview(id);
        return PageOutcome.to(applicationPage(id, "review"));
    }

    @POST
    @Path("/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "页面表单：批准（记录材料证实的情况，发卡和/或纸质二维码卡）")
    public PageOutcome approve(@PathParam("id") long id, Map<String, String> fields) {
        PageForm form = new PageForm(fields);
        List<Fact> facts = new ArrayList<>();
        for (int i = 0; i < FACT_ROWS; i++) {
            String p = "fact" + i + "-";
            if (form.text(p + "kind").isEmpty()) {
                continue;
            }
            FactKind kind = form.choice(FactKind.class, p + "kind", "情况类型");
            if (kind == FactKind.ENROLMENT) {
                throw InvalidRequest.of(p + "kind", "助餐登记状态由批准决定，不必记录");
            }
            String value = form.text(p + "value").orElse(null);
            LocalDate from = form.requiredDate(p + "from", "起始日期");
            facts.add(InvalidRequest.converting(() -> new Fact(kind, value, Period.from(from))));
        }
        List<NewSenior.NewCard> cards = new ArrayList<>();
        form.text("cardUid").ifPresent(uid -> cards.add(new NewSenior.NewCard(Card.Kind.UID, uid,
                applications.today())));
        boolean printedQr = form.text("printedQr").isPresent();
        Approved approved = applications.approve(id, new EnrolmentApplications.Approval(facts, cards, printedQr));
        return PageOutcome.to(applicationPage(approved.application().id(), "approved"));
    }

    @POST
    @Path("/{id}/refuse")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "页面表单：不予批准（须填写理由）")
    public PageOutcome refuse(@PathParam("id") long id, Map<String, String> fields) {
        PageForm form = new PageForm(fields);
        applications.refuse(id, form.required("reason", "不予批准的理由"));
        return PageOutcome.to(applicationPage(id, "refused"));
    }

    @POST
    @Path("/{id}/withdraw")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "页面表单：应老人申请撤回（已批准的自某日起退出助餐）")
    public PageOutcome withdraw(@PathParam("id") long id, Map<String, String> fields) {
        PageForm form = new PageForm(fields);
        applications.withdraw(id, form.text("reason").orElse(null), form.date("from", "自哪天起"));
        return PageOutcome.to(applicationPage(id, "withdrawn"));
    }

    /** The claimed route against the routes the core finds today, and every reason against. */
    static ReviewPanel review(EligibilityView e) {
        List<String> failures = e.claimedRoute() == null ? List.of()
                : e.claimedRoute().failures().stream().map(ReasonView::labelZh).toList();
        String claimed = e.claimedRoute() == null ? "" : e.claimedRoute().labelZh();
        String claimedVerdict = e.claimedRoute() == null ? ""
                : !e.claimedRoute().inPolicy() ? "现行政策没有该途径"
                : e.claimedRoute().met() ? "符合" : "不符合";
        return new ReviewPanel(e.eligible(), e.eligible() ? "按现有情况，今天可以享受助餐补贴" : "按现有情况，今天不能享受助餐补贴",
                e.date().toString(), e.policyVersion() == null ? "" : e.policyVersion(), claimed, claimedVerdict,
                failures, e.routes().stream().map(RouteView::labelZh).toList(),
                e.reasons().stream().map(ReasonView::labelZh).toList(), e.assumesApproval());
    }

    /** The 街镇 an application may be for, by 区: a clerk's own only. */
    private List<ChoiceGroup> places() {
        AreaScope scope = scopes.current();
        if (!scope.isAll()) {
            return scope.subdistrict() == null ? List.of() : List.of(new ChoiceGroup(scope.district(),
                    List.of(new Choice(scope.district() + "|" + scope.subdistrict(), scope.subdistrict(), true))));
        }
        return subdistricts.list(Optional.empty()).stream().map(s -> s.district()).distinct()
                .map(d -> new ChoiceGroup(d, subdistricts.activeNames(d).stream()
                        .map(n -> new Choice(d + "|" + n, n, false)).toList()))
                .filter(g -> !g.choices().isEmpty()).toList();
    }

    private static List<Integer> factRows() {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < FACT_ROWS; i++) {
            rows.add(i);
        }
        return rows;
    }

    private Chrome chrome(String title, String done) {
        return RegisterNav.APPLICATIONS.chrome(title, pages.who(person.username()), done, pages.administrator());
    }

    private static String at(Instant at) {
        return at == null ? "" : AT.format(at);
    }

    private static String applicationPage(long id, String done) {
        return "/register/applications/" + id + "?done=" + done;
    }
}
