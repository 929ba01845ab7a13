package cn.laorenjia.settlement.settling.rest;

import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCodes;
import cn.laorenjia.settlement.security.AreaScopes;

import cn.laorenjia.contract.error.ApiError;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCodes;
import cn.laorenjia.settlement.security.CurrentPerson;
import cn.laorenjia.settlement.security.Roles;
import cn.laorenjia.settlement.settling.service.MonthFigures;
import cn.laorenjia.settlement.settling.service.RunHistory;
import cn.laorenjia.settlement.settling.service.SettlementQueries;
import cn.laorenjia.settlement.settling.service.SettlementReport;
import cn.laorenjia.settlement.settling.service.SettlementService;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/** Settlement runs for a date range, and the settled figures of a month with rollups per 街镇 and district. */
@Path("/api/settlement")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "settlement", description = "结算 (nightly settlement and monthly statements)")
@SecurityRequirement(name = "basic")
@APIResponse(responseCode = "400", description = "SETTLEMENT_RANGE_INVALID, SETTLEMENT_DAY_NOT_OVER, INVALID_MONTH",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "401", description = "UNAUTHENTICATED")
@APIResponse(responseCode = "403", description = "FORBIDDEN")
public class SettlementResource {

    private final SettlementService settlement;
    private final SettlementQueries queries;
    private final CurrentPerson person;
    private final AreaScopes areas;

    public SettlementResource(SettlementService settlement, SettlementQueries queries, CurrentPerson person,
                              AreaScopes areas) {
        this.settlement = settlement;
        this.queries = queries;
        this.person = person;
        this.areas = areas;
    }

    public record RunRequest(LocalDate from, LocalDate to) {
    }

    @POST
    @Path("/runs")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.FINANCE})
    @Operation(summary = "结算一个日期范围 (settle any range of days that are over); idempotent, late meals become adjustments")
    @APIResponse(responseCode = "200", description = "the run's report, with the check settled = ledger")
    @APIResponse(responseCode = "409", description = "SETTLEMENT_RUNNING")
    public SettlementReport run(RunRequest body) {
        if (body == null) {
            throw new ApiException(ErrorCodes.MALFORMED_REQUEST, "请求缺少结算日期范围 from/to");
        }
        return settlement.settle(body.from(), body.to(), person.username());
    }

    @GET
    @Path("/runs")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.FINANCE, Roles.SUPERVISOR})
    @Operation(summary = "查询结算批次 (past settlement runs), newest first, 50 a page: each with its range, who "
            + "triggered it, when, its check settled = ledger and the ledger chain's head and verification "
            + "（台账校验）; nightly=true for the nightly runs only, which verify the whole chain")
    @APIResponse(responseCode = "400", description = "INVALID_REQUEST (a date that is not yyyy-MM-dd, to before "
            + "from, a page out of range)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public RunHistory.Page runs(
            @QueryParam("from") @Parameter(description = "first Beijing day a run started on, yyyy-MM-dd") LocalDate from,
            @QueryParam("to") @Parameter(description = "last Beijing day a run started on, yyyy-MM-dd") LocalDate to,
            @QueryParam("nightly") @DefaultValue("false")
            @Parameter(description = "only the runs that verified the ledger chain") boolean nightly,
            @QueryParam("page") @DefaultValue("0") @Parameter(description = "from 0") int page) {
        return queries.runs(new RunHistory.Query(from, to, nightly, page));
    }

    @POST
    @Path("/months/{month}/settle")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.FINANCE})
    @Operation(summary = "结算一个月 (its days that are over, up to yesterday in Asia/Shanghai) and refresh its draft statements")
    @APIResponse(responseCode = "409", description = "SETTLEMENT_RUNNING")
    public SettlementReport settleMonth(@PathParam("month") String month) {
        YearMonth m = SettlementQueries.parseMonth(month);
        LocalDate to = m.atEndOfMonth().isAfter(settlement.yesterday()) ? settlement.yesterday() : m.atEndOfMonth();
        return settlement.settle(m.atDay(1), to, person.username());
    }

    @GET
    @Path("/months/{month}")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.FINANCE, Roles.SUPERVISOR})
    @Operation(summary = "一个月的结算数据: per canteen, rollups per 街镇 and district, subsidised meals per day")
    public MonthFigures.Month month(@PathParam("month") String month,
                                    @QueryParam("canteens") @DefaultValue("true") boolean withCanteens) {
        // canteens=false: the rollups only (the finance page at 10,000 canteens lists them paged, elsewhere)
        MonthFigures.Month figures = queries.month(SettlementQueries.parseMonth(month), areas.current());
        return withCanteens ? figures : new MonthFigures.Month(figures.month(), figures.districts(),
                figures.subdistricts(), List.of(), figures.total(), figures.subsidisedMealsPerDay());
    }

    @GET
    @Path("/months/{month}/canteens/{canteenId}/days")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.FINANCE, Roles.SUPERVISOR})
    @Operation(summary = "一个食堂一个月的逐日结算与调整 (settled days and adjustments)")
    public List<MonthFigures.DayLine> days(@PathParam("month") String month, @PathParam("canteenId") long canteenId) {
        YearMonth m = SettlementQueries.parseMonth(month);
        requireWithin(canteenId);
        return queries.days(canteenId, m);
    }

    @GET
    @Path("/canteens/{canteenId}/days/{day}/meals")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.FINANCE, Roles.SUPERVISOR})
    @Operation(summary = "一个食堂一天的就餐记录 (ledger entries; seniors masked)")
    public List<MonthFigures.MealRow> meals(@PathParam("canteenId") long canteenId, @PathParam("day") LocalDate day) {
        requireWithin(canteenId);
        return queries.meals(canteenId, day);
    }

    /** A canteen outside the caller's area answers as if it had nothing (the same as an unknown canteen). */
    private void requireWithin(long canteenId) {
        if (!queries.covers(canteenId, areas.current())) {
            throw new ApiException(ErrorCodes.UNKNOWN_CANTEEN, "未找到该食堂");
        }
    }
}
