package cn.laorenjia.settlement.register.rest;

import cn.laorenjia.contract.error.ApiError;
import cn.laorenjia.core.policy.EligibilityRoute;
import cn.laorenjia.core.senior.Fact;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCodes;
import cn.laorenjia.settlement.error.InvalidRequest;
import cn.laorenjia.settlement.register.rest.RegisterRequests.CardJson;
import cn.laorenjia.settlement.register.rest.RegisterRequests.FactJson;
import cn.laorenjia.settlement.register.entity.EnrolmentApplication;
import cn.laorenjia.settlement.register.service.ApplicationQuery;
import cn.laorenjia.settlement.register.service.ApplicationViews.ApplicationPage;
import cn.laorenjia.settlement.register.service.ApplicationViews.ApplicationView;
import cn.laorenjia.settlement.register.service.ApplicationViews.Approved;
import cn.laorenjia.settlement.register.service.EnrolmentApplications;
import cn.laorenjia.settlement.register.service.NewApplication;
import cn.laorenjia.settlement.register.service.SeniorEligibility.EligibilityView;
import cn.laorenjia.settlement.security.CurrentPerson;
import cn.laorenjia.settlement.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Applications for the meal subsidy (经自愿申请): submitted by a senior in person or by a clerk on their behalf,
 * reviewed with the core's eligibility, approved (register entry, enrolment, cards) or refused with a reason, withdrawn
 * on request. Administrators see every application; a 街道 clerk only those of their own 街镇 (the service's scope).
 */
@Path("/api/register/applications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "applications", description = "助餐申请：提交、审核、批准或不予批准、撤回")
@SecurityRequirement(name = "basic")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.CLERK})
@APIResponse(responseCode = "400", description = "INVALID_ID_NUMBER, INVALID_NAME, INVALID_PHONE_NUMBER, INVALID_REQUEST, "
        + "MALFORMED_REQUEST, REASON_REQUIRED",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "401", description = "UNAUTHENTICATED")
@APIResponse(responseCode = "403", description = "FORBIDDEN")
@APIResponse(responseCode = "404", description = "UNKNOWN_APPLICATION（不存在，或不属于本街镇）")
public class ApplicationResource {

    private final EnrolmentApplications applications;
    private final CurrentPerson person;

    public ApplicationResource(EnrolmentApplications applications, CurrentPerson person) {
        this.applications = applications;
        this.person = person;
    }

    @Schema(name = "ApplicationRequest", example = """
            {"submissionId":"6f1c2a9e-3d4b-4c5a-9e8f-0a1b2c3d4e5f","idNumber":"120224194805120013","name":"张建华",
             "phone":"13800000000","district":"宝坻区","subdistrict":"海滨街道","route":"AGE_80_LOCAL",
             "evidence":["户口簿","身份证"],"onBehalf":false}""")
    public record ApplicationJson(
            @NotNull(message = "请填写提交编号 submissionId（客户端生成的UUID，重发时不变）") UUID submissionId,
            String idNumber, String name, String phone, String district,
            @Schema(description = "街镇") String subdistrict,
            @Schema(description = "申请途径", enumeration = {"AGE_80_LOCAL", "AGE_70_VISITING_CARE",
                    "HOME_CARE_LOW_INCOME_SEVERE_DISABILITY", "HARDSHIP_DISABILITY_60_TO_70"}) String route,
            @Schema(description = "核验过的材料，如 户口簿、低保证、残疾证") List<String> evidence,
            @Schema(description = "true：经办人员代为申请；false：老人本人申请") Boolean onBehalf) {

        NewApplication toCommand() {
            IdNumber id = IdNumber.parse(idNumber == null ? null : idNumber.strip());
            EligibilityRoute claimed = route == null || route.isBlank() ? null
                    : RegisterRequests.parse(EligibilityRoute.class, route, "申请途径 route");
            return InvalidRequest.converting(() -> new NewApplication(submissionId, id, name, phone, district,
                    subdistrict, claimed, evidence, Boolean.TRUE.equals(onBehalf)));
        }
    }

    @Schema(name = "ApprovalRequest", example = """
            {"facts":[{"kind":"LOCAL_HOUSEHOLD","from":"1948-05-12"}],
             "cards":[{"kind":"UID","identifier":"04A1B2C3D4E5F6"}],"printedQr":true}""")
    public record ApprovalJson(
            @Schema(description = "the facts the evidence established (not ENROLMENT: the approval decides it)")
            List<@NotNull(message = "记录 facts 中有空项（null）") @Valid FactJson> facts,
            @Schema(description = "cards to issue; issuedOn defaults to today")
            List<@NotNull(message = "卡 cards 中有空项（null）") CardJson> cards,
            @Schema(description = "issue a printed QR card (its signed code is in the answer)") Boolean printedQr) {

        EnrolmentApplications.Approval toCommand(Supplier<LocalDate> today) {
            List<Fact> f = facts == null ? List.of() : facts.stream().map(RegisterRequests.FactJson::toFact).toList();
            return new EnrolmentApplications.Approval(f,
                    cards == null ? List.of() : cards.stream().map(c -> c.toCommand(today)).toList(),
                    Boolean.TRUE.equals(printedQr));
        }
    }

    public record RefusalJson(@Schema(description = "理由（中文，必填），将告知申请人") String reason) {
    }

    public record WithdrawalJson(@Schema(description = "老人的申请或说明（可选）") String reason,
                                 @Schema(description = "after approval: the enrolment ends from this date (default "
                                         + "today; the day before is the last subsidised day)") LocalDate from) {
    }

    public record PreviewJson(@Schema(description = "the day to assess; default today") LocalDate date,
                              List<@NotNull(message = "记录 facts 中有空项（null）") @Valid FactJson> facts) {
    }

    @POST
    @Operation(summary = "提交助餐申请（老人本人或经办人员代为申请）；同一 submissionId 重发返回原申请")
    @APIResponse(responseCode = "201", description = "submitted")
    @APIResponse(responseCode = "200", description = "a retry of a submission: the stored application")
    @APIResponse(responseCode = "403", description = "OUTSIDE_SUBDISTRICT（经办人员只能受理本街镇的申请）")
    @APIResponse(responseCode = "409", description = "APPLICATION_ALREADY_OPEN, SENIOR_OF_ANOTHER_SUBDISTRICT, DUPLICATE")
    public Response submit(@Valid ApplicationJson body) {
        EnrolmentApplications.Submitted submitted = applications.submit(RegisterRequests.requireBody(body).toCommand());
        return Response.status(submitted.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(submitted.application()).build();
    }

    @GET
    @Operation(summary = "助餐申请列表（按状态、区、街镇筛选；经办人员只看到本街镇）")
    public ApplicationPage list(@QueryParam("state") @Parameter(description = "SUBMITTED, UNDER_REVIEW, APPROVED, "
                                        + "REFUSED, WITHDRAWN") String state,
                                @QueryParam("district") String district,
                                @QueryParam("subdistrict") @Parameter(description = "街镇") String subdistrict,
                                @QueryParam("offset") @DefaultValue("0") int offset,
                                @QueryParam("limit") @DefaultValue("50") int limit) {
        Optional<EnrolmentApplication.State> s = state == null || state.isBlank() ? Optional.empty()
                : Optional.of(RegisterRequests.parse(EnrolmentApplication.State.class, state, "申请状态 state"));
        return applications.list(new ApplicationQuery(s, district, subdistrict, offset, limit));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "一份助餐申请及其每一步（谁、何时、从何状态到何状态、理由）")
    public ApplicationView get(@PathParam("id") long id,
                               @QueryParam("unmasked") @Parameter(description = "身份证号、姓名、电话全文显示，"
                                       + "连同理由记入审计日志") boolean unmasked,
                               @QueryParam("reason") @Parameter(description = "why (required with unmasked=true)")
                               String reason) {
        boolean full = false;
        if (unmasked) {
            if (reason == null || reason.isBlank()) {
                throw new ApiException(ErrorCodes.REASON_REQUIRED, "查看完整的个人信息须说明理由（reason 参数），该理由将记入审计日志");
            }
            if (reason.length() > 200) {
                throw InvalidRequest.of("reason", "理由过长：最多200个字");
            }
            full = person.seesPersonalData();
        }
        return applications.get(id, full, full ? reason.strip() : null);
    }

    @POST
    @Path("/{id}/review-start")
    @Operation(summary = "开始审核（已提交 → 审核中）")
    @APIResponse(responseCode = "409", description = "APPLICATION_STATE_CONFLICT")
    public ApplicationView startReview(@PathParam("id") long id) {
        return applications.startReview(id);
    }

    @GET
    @Path("/{id}/eligibility")
    @Operation(summary = "审核时的资格判定：按核心规则，假定于该日批准，所申请途径与实际符合的途径及全部理由")
    public EligibilityView eligibility(@PathParam("id") long id,
                                       @QueryParam("date") @Parameter(description = "default today") LocalDate date) {
        return applications.assess(id, Optional.ofNullable(date), List.of());
    }

    @POST
    @Path("/{id}/eligibility")
    @Operation(summary = "预判资格：连同拟记录的事实（不保存任何内容）")
    public EligibilityView preview(@PathParam("id") long id, @Valid PreviewJson body) {
        PreviewJson request = body == null ? new PreviewJson(null, null) : body;
        List<Fact> facts = request.facts() == null ? List.of()
                : request.facts().stream().map(RegisterRequests.FactJson::toFact).toList();
        return applications.assess(id, Optional.ofNullable(request.date()), facts);
    }

    @POST
    @Path("/{id}/approve")
    @Operation(summary = "批准（审核中 → 已批准）：记录事实，老人登记入册并自今日起享受助餐，发卡和/或纸质二维码卡")
    @APIResponse(responseCode = "409", description = "APPLICATION_STATE_CONFLICT, NOT_ELIGIBLE_ON_REVIEW (details.reasons), "
            + "CONTRADICTORY_FACTS, DUPLICATE_CARD, SENIOR_OF_ANOTHER_SUBDISTRICT, NO_POLICY_FOR_SUBDISTRICT")
    public Approved approve(@PathParam("id") long id, @Valid ApprovalJson body) {
        return applications.approve(id, RegisterRequests.requireBody(body).toCommand(applications::today));
    }

    @POST
    @Path("/{id}/refuse")
    @Operation(summary = "不予批准：须用中文说明理由")
    @APIResponse(responseCode = "409", description = "APPLICATION_STATE_CONFLICT")
    public ApplicationView refuse(@PathParam("id") long id, RefusalJson body) {
        return applications.refuse(id, body == null ? null : body.reason());
    }

    @POST
    @Path("/{id}/withdraw")
    @Operation(summary = "应老人申请撤回：未批准的申请直接撤回；已批准的自 from 日起退出助餐（默认今日）")
    @APIResponse(responseCode = "409", description = "APPLICATION_STATE_CONFLICT, CONTRADICTORY_FACTS")
    public ApplicationView withdraw(@PathParam("id") long id, WithdrawalJson body) {
        WithdrawalJson request = body == null ? new WithdrawalJson(null, null) : body;
        return applications.withdraw(id, request.reason(), Optional.ofNullable(request.from()));
    }
}
