package cn.laorenjia.settlement.register.rest;

import cn.laorenjia.contract.error.ApiError;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCodes;
import cn.laorenjia.settlement.error.InvalidRequest;
import cn.laorenjia.settlement.register.service.RegisterService;
import cn.laorenjia.settlement.register.service.RegisterViews.CardView;
import cn.laorenjia.settlement.register.service.RegisterViews.SeniorPage;
import cn.laorenjia.settlement.register.service.RegisterViews.SeniorView;
import cn.laorenjia.settlement.register.service.SeniorEligibility;
import cn.laorenjia.settlement.register.service.SeniorHistory;
import cn.laorenjia.settlement.register.service.SeniorQuery;
import cn.laorenjia.settlement.security.CurrentPerson;
import cn.laorenjia.settlement.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;

/**
 * Seniors in the register with their dated facts and cards. A 街道 clerk sees and changes only the seniors of their own
 * 街镇 (the register's scope; any other is answered UNKNOWN_SENIOR, as if absent). Only administrators and clerks see ID numbers, names,
 * birth dates, phones and card identifiers in full, and only when they ask (unmasked=true) with a reason that the
 * audit records; everyone else, and administrators who do not ask, see them masked, with no fact date that would
 * reveal a birth date. A search by a full ID number is for administrators only, and audited.
 */
@Path("/api/register/seniors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "register")
@SecurityRequirement(name = "basic")
@APIResponse(responseCode = "400", description = "INVALID_ID_NUMBER (details.reason, e.g. CHECK_DIGIT, "
        + "BIRTH_DATE_IN_FUTURE), INVALID_PHONE_NUMBER, INVALID_CARD_IDENTIFIER, INVALID_NAME, UNKNOWN_SUBDISTRICT "
        + "(街镇不在该区名单中), INVALID_REQUEST, MALFORMED_REQUEST; details.field names the field",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class),
                examples = {
                        @ExampleObject(name = "INVALID_ID_NUMBER", value = "{\"code\":\"INVALID_ID_NUMBER\","
                                + "\"message\":\"身份证号码校验位不正确\",\"details\":{\"reason\":\"CHECK_DIGIT\"}}"),
                        @ExampleObject(name = "MALFORMED_REQUEST", value = "{\"code\":\"MALFORMED_REQUEST\","
                                + "\"message\":\"请求格式错误：不是有效的JSON，或字段类型不符\",\"details\":{\"line\":1,\"column\":12}}")}))
@APIResponse(responseCode = "401", description = "UNAUTHENTICATED")
@APIResponse(responseCode = "403", description = "FORBIDDEN")
public class SeniorResource {

    private final RegisterService register;
    private final CurrentPerson person;
    private final SeniorHistory history;
    private final SeniorEligibility eligibility;

    public SeniorResource(RegisterService register, CurrentPerson person, SeniorHistory history,
                          SeniorEligibility eligibility) {
        this.register = register;
        this.person = person;
        this.history = history;
        this.eligibility = eligibility;
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.CLERK})
    @Operation(summary = "老人档案的每一步：申请与审批、登记、事实的增加与结束、发卡与注销（何时、何人）")
    @APIResponse(responseCode = "404", description = "UNKNOWN_SENIOR")
    public SeniorHistory.History history(@PathParam("id") long id) {
        return history.of(id);
    }

    @GET
    @Path("/{id}/eligibility")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.SUPERVISOR, Roles.CLERK})
    @Operation(summary = "资格判定：按核心规则，该日（默认今日）是否符合助餐补贴条件、符合哪些途径及全部理由")
    @APIResponse(responseCode = "404", description = "UNKNOWN_SENIOR")
    public SeniorEligibility.EligibilityView eligibility(@PathParam("id") long id,
                                                        @QueryParam("date") @Parameter(description = "default today")
                                                        java.time.LocalDate date) {
        return eligibility.ofSenior(id, Optional.ofNullable(date));
    }

    @POST
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.CLERK})
    @Operation(summary = "登记老人 with dated facts (including the ENROLMENT state) and cards")
    @APIResponse(responseCode = "201", description = "registered")
    @APIResponse(responseCode = "409", description = "DUPLICATE_ID_NUMBER, DUPLICATE_CARD (details.field names the "
            + "duplicated field), CONTRADICTORY_FACTS",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class),
                    examples = @ExampleObject(name = "DUPLICATE_ID_NUMBER",
                            value = "{\"code\":\"DUPLICATE_ID_NUMBER\",\"message\":\"身份证号码 idNumber 已登记\","
                                    + "\"details\":{\"field\":\"idNumber\"}}")))
    public Response register(@Valid RegisterRequests.SeniorJson body) {
        SeniorView senior = register.enrolSenior(RegisterRequests.requireBody(body).toCommand(register::today));
        return Response.status(Response.Status.CREATED).entity(senior).build();
    }

    @GET
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.SUPERVISOR, Roles.FINANCE, Roles.CLERK})
    @Operation(summary = "查询老人 by 区/街镇 and by ID number (full, masked, or last four) or name (张*华 matches a masked name)")
    @APIResponse(responseCode = "400", description = "REASON_REQUIRED (unmasked=true without a reason)")
    public SeniorPage search(@QueryParam("district") String district,
                             @QueryParam("subdistrict") @Parameter(description = "街镇") String subdistrict,
                             @QueryParam("q") @Parameter(description = "ID number (full: administrators only), masked ID, "
                                     + "last 4 characters, mobile phone (administrators only) or name") String q,
                             @QueryParam("offset") @DefaultValue("0") int offset,
                             @QueryParam("limit") @DefaultValue("50") int limit,
                             @QueryParam("unmasked") @Parameter(description = "administrators: ID numbers and names in "
                                     + "full, recorded in the audit with the reason") boolean unmasked,
                             @QueryParam("reason") @Parameter(description = "why (required with unmasked=true)")
                             String reason) {
        SeniorQuery query = new SeniorQuery(district, subdistrict, q, offset, limit);
        if (query.byFullIdNumber() && !person.seesPersonalData()) {
            throw new ApiException(ErrorCodes.FORBIDDEN, "只有管理员和街道经办人员可以按完整的身份证号码查询");
        }
        if (query.byPhone() && !person.seesPersonalData()) {
            throw new ApiException(ErrorCodes.FORBIDDEN, "只有管理员可以按手机号码查询");
        }
        return register.searchSeniors(query, unmasked(unmasked, reason), blankToNull(reason));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.SUPERVISOR, Roles.FINANCE, Roles.CLERK})
    @Operation(summary = "一位老人 with facts, cards, enrolment state and whether deceased today")
    @APIResponse(responseCode = "404", description = "UNKNOWN_SENIOR")
    @APIResponse(responseCode = "400", description = "REASON_REQUIRED (unmasked=true without a reason)")
    public SeniorView get(@PathParam("id") long id,
                          @QueryParam("unmasked") @Parameter(description = "administrators: the record in full (ID "
                                  + "number, name, birth date, phone, card identifiers, fact dates), recorded in the "
                                  + "audit with the reason") boolean unmasked,
                          @QueryParam("reason") @Parameter(description = "why (required with unmasked=true)")
                          String reason) {
        return register.senior(id, unmasked(unmasked, reason), blankToNull(reason));
    }

    /**
     * Personal data in full only for an administrator who asks for it and says why: the reason goes into the audit
     * with the read. Without unmasked=true everyone, administrators included, reads the masked record.
     */
    private boolean unmasked(boolean asked, String reason) {
        if (!asked) {
            return false;
        }
        if (!person.seesPersonalData()) {
            throw new ApiException(ErrorCodes.FORBIDDEN, "只有管理员和街道经办人员可以查看完整的个人信息");
        }
        if (reason == null || reason.isBlank()) {
            throw new ApiException(ErrorCodes.REASON_REQUIRED, "查看完整的个人信息须说明理由（reason 参数），该理由将记入审计日志");
        }
        if (reason.length() > 200) {
            throw InvalidRequest.of("reason", "理由过长：最多200个字");
        }
        return true;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @POST
    @Path("/{id}/facts")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.CLERK})
    @Operation(summary = "增加一条记录 (e.g. DEATH from a date, INSTITUTION_RESIDENCE); refused if it contradicts another")
    @APIResponse(responseCode = "201", description = "recorded")
    @APIResponse(responseCode = "409", description = "CONTRADICTORY_FACTS")
    public Response addFact(@PathParam("id") long id, @Valid RegisterRequests.FactJson body) {
        SeniorView senior = register.addFact(id, RegisterRequests.requireBody(body).toFact());
        return Response.status(Response.Status.CREATED).entity(senior).build();
    }

    @POST
    @Path("/{id}/facts/{factId}/end")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.CLERK})
    @Operation(summary = "结束一条记录: from endOn it no longer holds (a death cannot end)")
    @APIResponse(responseCode = "409", description = "FACT_ALREADY_ENDED")
    public SeniorView endFact(@PathParam("id") long id, @PathParam("factId") long factId,
                              @Valid RegisterRequests.EndFactJson body) {
        return register.endFact(id, factId, RegisterRequests.requireBody(body).endOn());
    }

    @POST
    @Path("/{id}/enrolment")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.CLERK})
    @Operation(summary = "变更助餐登记状态 from a date (APPLIED, APPROVED, SUSPENDED, WITHDRAWN); the previous state ends that day")
    @APIResponse(responseCode = "409", description = "CONTRADICTORY_FACTS")
    public SeniorView changeEnrolment(@PathParam("id") long id, @Valid RegisterRequests.EnrolmentJson body) {
        RegisterRequests.requireBody(body);
        return register.changeEnrolment(id, body.toState(), body.from());
    }

    @POST
    @Path("/{id}/cards")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.CLERK})
    @Operation(summary = "发卡: UID (card serial), SOCIAL_SECURITY (社保卡), PRINTED_QR; issuedOn defaults to today")
    @APIResponse(responseCode = "201", description = "issued")
    @APIResponse(responseCode = "409", description = "DUPLICATE_CARD")
    public Response issueCard(@PathParam("id") long id, @Valid RegisterRequests.CardJson body) {
        CardView card = register.issueCard(id, RegisterRequests.requireBody(body).toCommand(register::today));
        return Response.status(Response.Status.CREATED).entity(card).build();
    }

    @POST
    @Path("/{id}/cards/{cardId}/revoke")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.CLERK})
    @Operation(summary = "挂失或注销卡: status LOST or REVOKED (default), on defaults to today")
    @APIResponse(responseCode = "409", description = "CARD_NOT_ACTIVE")
    public CardView revokeCard(@PathParam("id") long id, @PathParam("cardId") long cardId,
                               RegisterRequests.RevokeCardJson body) {
        RegisterRequests.RevokeCardJson request = body == null ? new RegisterRequests.RevokeCardJson(null, null) : body;
        return register.revokeCard(id, cardId, request.toStatus(), Optional.ofNullable(request.on()));
    }
}
