package cn.laorenjia.settlement.supervision.rest;

import cn.laorenjia.contract.error.ApiError;
import cn.laorenjia.settlement.security.Roles;
import cn.laorenjia.settlement.supervision.service.SupervisionCases;
import cn.laorenjia.settlement.supervision.service.SupervisionCases.CaseDetail;
import cn.laorenjia.settlement.supervision.service.SupervisionCases.CasePage;
import cn.laorenjia.settlement.supervision.service.SupervisionCases.CaseQuery;
import cn.laorenjia.settlement.supervision.service.SupervisionCases.CaseView;
import cn.laorenjia.settlement.supervision.service.SupervisionCases.ScanSummary;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Anomaly flags (异常线索): scan a month, the queue of cases, one case with its evidence (the meals, the senior
 * masked) and history, and the supervisors' decisions. Supervisors decide; administrators read and scan (they keep the
 * register, so they do not judge the flags it raises). Cases outside the caller's 区/街镇 are answered as absent.
 */
@Path("/api/supervision")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "supervision", description = "监管：异常线索 (anomaly flags kept as cases)")
@SecurityRequirement(name = "basic")
@APIResponse(responseCode = "400", description = "INVALID_MONTH, INVALID_REQUEST, CASE_NOTE_REQUIRED",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "401", description = "UNAUTHENTICATED")
@APIResponse(responseCode = "403", description = "FORBIDDEN")
public class SupervisionResource {

    private final SupervisionCases cases;

    public SupervisionResource(SupervisionCases cases) {
        this.cases = cases;
    }

    public record ScanRequest(String month) {
    }

    public record Decision(String note) {
    }

    @POST
    @Path("/scans")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.SUPERVISOR})
    @Operation(summary = "按全部异常规则筛查一个月 (scan a month YYYY-MM; idempotent: opens new cases, updates open ones, "
            + "never a decided one)")
    public ScanSummary scan(ScanRequest body) {
        return cases.scan(SupervisionCases.month(body == null ? null : body.month()));
    }

    @GET
    @Path("/cases")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.SUPERVISOR})
    @Operation(summary = "异常线索列表 (cases, undecided first, then by how far past the threshold; filters month, rule, "
            + "state, canteen code; paged)")
    public CasePage list(@QueryParam("month") String month, @QueryParam("rule") String rule,
                         @QueryParam("state") String state, @QueryParam("canteen") String canteen,
                         @QueryParam("page") @DefaultValue("0") int page,
                         @QueryParam("size") @DefaultValue("50") int size) {
        return cases.list(new CaseQuery(month, rule, state, canteen, page, size));
    }

    @GET
    @Path("/cases/{id}")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.SUPERVISOR})
    @Operation(summary = "一条线索：证据（相关就餐记录，老人信息已遮挡）与处理经过")
    @APIResponse(responseCode = "404", description = "UNKNOWN_CASE")
    public CaseDetail detail(@PathParam("id") long id) {
        return cases.detail(id);
    }

    @POST
    @Path("/cases/{id}/review")
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "开始核查 (open → reviewing), with an optional note")
    @APIResponse(responseCode = "409", description = "CASE_STATE_CONFLICT")
    public CaseView review(@PathParam("id") long id, Decision body) {
        return cases.startReview(id, body == null ? null : body.note());
    }

    @POST
    @Path("/cases/{id}/clear")
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "排除 (not fraud: open/reviewing → cleared), the note required")
    @APIResponse(responseCode = "409", description = "CASE_STATE_CONFLICT")
    public CaseView clear(@PathParam("id") long id, Decision body) {
        return cases.clear(id, body == null ? null : body.note());
    }

    @POST
    @Path("/cases/{id}/confirm")
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "确认 (fraud found: open/reviewing → confirmed), the note required")
    @APIResponse(responseCode = "409", description = "CASE_STATE_CONFLICT")
    public CaseView confirm(@PathParam("id") long id, Decision body) {
        return cases.confirm(id, body == null ? null : body.note());
    }
}
