package cn.laorenjia.settlement.register.page;

import cn.laorenjia.core.senior.EnrolmentState;
import cn.laorenjia.core.senior.Fact;
import cn.laorenjia.core.senior.FactKind;
import cn.laorenjia.core.senior.Period;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCodes;
import cn.laorenjia.settlement.error.InvalidRequest;
import cn.laorenjia.settlement.register.entity.Card;
import cn.laorenjia.settlement.web.Chrome;
import cn.laorenjia.settlement.register.page.PageModels.SearchResult;
import cn.laorenjia.settlement.register.page.PageModels.SeniorSheet;
import cn.laorenjia.settlement.register.service.NewSenior;
import cn.laorenjia.settlement.register.service.RegisterService;
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

import java.net.URI;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The register's pages about seniors (/register/seniors): search, a senior's sheet with eligibility today and the
 * forms that change the register, and the printable QR card. Pages are rendered here (Qute); their forms are posted
 * by the pages' script as JSON with the cross-site proof header (web.BrowserDefences), and answered with where to go
 * next or the service's error (code and Chinese message), which the script shows next to the form.
 */
@Path("/register")
@Tag(name = "register pages")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.CLERK})
public class SeniorPagesResource {

    @CheckedTemplate(basePath = "register")
    static class Templates {
        static native TemplateInstance seniors(Chrome chrome, SearchResult result);

        static native TemplateInstance senior(Chrome chrome, SeniorSheet sheet);

        static native TemplateInstance card(Chrome chrome, SeniorSheet sheet);

        static native TemplateInstance notFound(Chrome chrome, String message, String back);
    }

    /** Kinds that carry a value, and the values each accepts. */
    private static final Map<FactKind, Set<String>> VALUES = Map.of(
            FactKind.VISITING_CARE_CATEGORY, names(cn.laorenjia.core.senior.VisitingCareCategory.values()),
            FactKind.LOW_INCOME_STATUS, names(cn.laorenjia.core.senior.LowIncomeStatus.values()),
            FactKind.DISABILITY_LEVEL, names(cn.laorenjia.core.senior.DisabilityLevel.values()),
            FactKind.HARDSHIP_DISABILITY_ALLOWANCE, Set.of("1", "2", "3", "4"));

    private final RegisterPageService pages;
    private final RegisterService register;
    private final CurrentPerson person;

    public SeniorPagesResource(RegisterPageService pages, RegisterService register, CurrentPerson person) {
        this.pages = pages;
        this.register = register;
        this.person = person;
    }

    @GET
    @Operation(summary = "登记册页面首页 (the register's pages: to the senior search)")
    public Response home() {
        return Response.seeOther(URI.create(RegisterNav.SENIORS.href())).build();
    }

    @GET
    @Path("/seniors")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "老人查询页面 (masked list)")
    public TemplateInstance search(@QueryParam("q") String q, @QueryParam("subdistrict") String subdistrict) {
        String text = blankToNull(q);
        String error = text != null && text.length() > 50 ? "查询内容过长：最多50个字" : null;
        return Templates.seniors(chrome(RegisterNav.SENIORS, "老人查询", null),
                pages.search(text, blankToNull(subdistrict), error));
    }

    @GET
    @Path("/seniors/{id}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "一位老人的页面 (masked unless unmasked=1 with a reason, which the audit records)")
    public Response senior(@PathParam("id") long id, @QueryParam("done") String done,
                           @QueryParam("unmasked") String unmasked, @QueryParam("reason") String reason) {
        String why = blankToNull(reason);
        String unmaskError = null;
        if (unmasked != null) {
            if (why == null) {
                unmaskError = "查看完整的个人信息须填写理由，该理由将记入审计日志";
            } else if (why.length() > 200) {
                unmaskError = "理由过长：最多200个字";
                why = null;
            }
        } else {
            why = null;
        }
        try {
            SeniorSheet sheet = pages.senior(id, unmaskError == null ? why : null, unmaskError);
            return Response.ok(Templates.senior(chrome(RegisterNav.SENIORS, "老人：" + sheet.identity().name(), done),
                    sheet)).build();
        } catch (ApiException e) {
            return notFound(e, RegisterNav.SENIORS);
        }
    }

    @GET
    @Path("/seniors/{id}/card")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "打印助餐卡页面 (the QR card image of /api/qr/seniors/{id}/card.png)")
    public Response card(@PathParam("id") long id) {
        try {
            SeniorSheet sheet = pages.senior(id, null, null);
            return Response.ok(Templates.card(chrome(RegisterNav.SENIORS, "打印助餐卡", null), sheet)).build();
        } catch (ApiException e) {
            return notFound(e, RegisterNav.SENIORS);
        }
    }

    @POST
    @Path("/seniors/{id}/facts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "页面表单：记录一项情况 (the page's last day is inclusive; stored as the day after)")
    public PageOutcome addFact(@PathParam("id") long id, Map<String, String> fields) {
        PageForm form = new PageForm(fields);
        FactKind kind = form.choice(FactKind.class, "kind", "情况类型");
        if (kind == FactKind.ENROLMENT) {
            throw InvalidRequest.of("kind", "助餐登记状态请在「变更助餐登记状态」中填写");
        }
        String value = form.text("value").orElse(null);
        Set<String> accepted = VALUES.get(kind);
        if (accepted == null && value != null) {
            throw InvalidRequest.of("value", "「" + kind.labelZh() + "」不需要填写取值，请选择「（无）」");
        }
        if (accepted != null && (value == null || !accepted.contains(value))) {
            throw InvalidRequest.of("value", "请为「" + kind.labelZh() + "」选择相应的取值");
        }
        LocalDate from = form.requiredDate("from", "起始日期");
        Optional<LocalDate> end = form.lastDayAsExclusiveEnd("lastDay", "最后一天");
        if (kind == FactKind.DEATH && end.isPresent()) {
            throw InvalidRequest.of("lastDay", "死亡记录没有最后一天，请留空");
        }
        if (end.isPresent() && !end.get().isAfter(from)) {
            throw InvalidRequest.of("lastDay", "最后一天不能早于起始日期");
        }
        Fact fact = InvalidRequest.converting(() -> new Fact(kind, value,
                end.map(e -> Period.between(from, e)).orElseGet(() -> Period.from(from))));
        register.addFact(id, fact);
        return PageOutcome.to(seniorPage(id, "fact-added"));
    }

    @POST
    @Path("/seniors/{id}/facts/{factId}/end")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "页面表单：设置一项情况的最后一天 (inclusive on the page)")
    public PageOutcome endFact(@PathParam("id") long id, @PathParam("factId") long factId, Map<String, String> fields) {
        PageForm form = new PageForm(fields);
        LocalDate endOn = form.lastDayAsExclusiveEnd("lastDay", "最后一天")
                .orElseThrow(() -> InvalidRequest.of("lastDay", "请填写最后一天"));
        try {
            register.endFact(id, factId, endOn);
        } catch (InvalidRequest e) {
            // the core refuses an end that does not follow the start; its own words are for programs
            throw InvalidRequest.of("lastDay", "最后一天不能早于该项情况的起始日期");
        }
        return PageOutcome.to(seniorPage(id, "fact-ended"));
    }

    @POST
    @Path("/seniors/{id}/enrolment")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "页面表单：变更助餐登记状态")
    public PageOutcome changeEnrolment(@PathParam("id") long id, Map<String, String> fields) {
        PageForm form = new PageForm(fields);
        EnrolmentState state = form.choice(EnrolmentState.class, "state", "登记状态");
        LocalDate from = form.requiredDate("from", "生效日期");
        register.changeEnrolment(id, state, from);
        return PageOutcome.to(seniorPage(id, "enrolment"));
    }

    @POST
    @Path("/seniors/{id}/cards")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "页面表单：发卡")
    public PageOutcome issueCard(@PathParam("id") long id, Map<String, String> fields) {
        PageForm form = new PageForm(fields);
        Card.Kind kind = form.choice(Card.Kind.class, "kind", "卡类型");
        String identifier = form.required("identifier", "卡号");
        LocalDate issuedOn = form.date("issuedOn", "发卡日期").orElseGet(register::today);
        // the core's refusal of a card number says in Chinese what the number of that kind looks like
        register.issueCard(id, new NewSenior.NewCard(kind, identifier, issuedOn));
        return PageOutcome.to(seniorPage(id, "card-issued"));
    }

    @POST
    @Path("/seniors/{id}/cards/{cardId}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "页面表单：挂失或注销卡")
    public PageOutcome revokeCard(@PathParam("id") long id, @PathParam("cardId") long cardId,
                                  Map<String, String> fields) {
        PageForm form = new PageForm(fields);
        Card.Status status = form.choice(Card.Status.class, "status", "挂失或注销");
        if (status == Card.Status.ACTIVE) {
            throw InvalidRequest.of("status", "请选择挂失或注销");
        }
        register.revokeCard(id, cardId, status, form.date("on", "日期"));
        return PageOutcome.to(seniorPage(id, "card-revoked"));
    }

    private Chrome chrome(RegisterNav section, String title, String done) {
        return section.chrome(title, pages.who(person.username()), done, pages.administrator());
    }

    private Response notFound(ApiException e, RegisterNav section) {
        if (!ErrorCodes.UNKNOWN_SENIOR.equals(e.code())) {
            throw e;
        }
        return Response.status(Response.Status.NOT_FOUND)
                .entity(Templates.notFound(chrome(section, "未找到", null), e.messageZh(), section.href())).build();
    }

    private static String seniorPage(long id, String done) {
        return "/register/seniors/" + id + "?done=" + done;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Set<String> names(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(Enum::name).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
