package cn.laorenjia.settlement.statement.rest;

import cn.laorenjia.contract.error.ApiError;
import cn.laorenjia.settlement.security.CurrentPerson;
import cn.laorenjia.settlement.security.Roles;
import cn.laorenjia.settlement.settling.service.SettlementQueries;
import cn.laorenjia.settlement.statement.service.StatementQuery;
import cn.laorenjia.settlement.statement.service.StatementService;
import cn.laorenjia.settlement.statement.service.StatementSummary;
import cn.laorenjia.settlement.statement.service.StatementView;
import jakarta.annotation.security.RolesAllowed;
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

import java.util.List;

/** Monthly statements per canteen: drafts, confirmation by finance, and reading them back. */
@Path("/api/settlement/statements")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "settlement")
@SecurityRequirement(name = "basic")
@APIResponse(responseCode = "400", description = "INVALID_MONTH",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "401", description = "UNAUTHENTICATED")
@APIResponse(responseCode = "403", description = "FORBIDDEN")
public class StatementResource {

    private final StatementService statements;
    private final CurrentPerson person;

    public StatementResource(StatementService statements, CurrentPerson person) {
        this.statements = statements;
        this.person = person;
    }

    @GET
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.FINANCE, Roles.SUPERVISOR})
    @Operation(summary = "一个月的结算单 (statements of a month, with lines and the check against the ledger)")
    public List<StatementView> list(@QueryParam("month") String month) {
        return statements.statements(SettlementQueries.parseMonth(month));
    }

    @GET
    @Path("/summary")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.FINANCE, Roles.SUPERVISOR})
    @Operation(summary = "结算单列表(分页,不含明细行): filter by 区/街镇/status (draft, confirmed, unreconciled), search by "
            + "canteen code or name, sort by code/name/netOwed/meals/status (direction asc|desc), page from 0; "
            + "totals of everything the filter selects; only the caller's area")
    @APIResponse(responseCode = "400", description = "INVALID_MONTH, INVALID_STATEMENT_QUERY")
    public StatementSummary.Page summary(@QueryParam("month") String month, @QueryParam("district") String district,
                                         @QueryParam("subdistrict") String subdistrict,
                                         @QueryParam("status") String status, @QueryParam("q") String search,
                                         @QueryParam("sort") String sort, @QueryParam("direction") String direction,
                                         @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return statements.page(StatementQuery.of(SettlementQueries.parseMonth(month), district, subdistrict, status,
                search, sort, direction, page, size));
    }

    @POST
    @Path("/confirm-all")
    @RolesAllowed(Roles.FINANCE)
    @Operation(summary = "全部确认: confirms every draft the filter selects (区/街镇/q; status ignored) within the "
            + "caller's area, each as one confirmation; answers how many were confirmed and every one refused, with why")
    @APIResponse(responseCode = "400", description = "INVALID_MONTH, INVALID_STATEMENT_QUERY")
    public StatementSummary.ConfirmAll confirmAll(@QueryParam("month") String month,
                                                  @QueryParam("district") String district,
                                                  @QueryParam("subdistrict") String subdistrict,
                                                  @QueryParam("q") String search) {
        return statements.confirmAll(StatementQuery.of(SettlementQueries.parseMonth(month), district, subdistrict,
                "draft", search, null, null, 0, 1), person.username());
    }

    @POST
    @Path("/drafts")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.FINANCE})
    @Operation(summary = "生成或刷新一个月的结算单草稿 (confirmed statements are left as they are)")
    public List<StatementView> refresh(@QueryParam("month") String month) {
        var m = SettlementQueries.parseMonth(month);
        statements.refreshDrafts(m);
        return statements.statements(m);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.FINANCE, Roles.SUPERVISOR})
    @Operation(summary = "一张结算单")
    @APIResponse(responseCode = "404", description = "UNKNOWN_STATEMENT")
    public StatementView get(@PathParam("id") long id) {
        return statements.statement(id);
    }

    @POST
    @Path("/{id}/confirm")
    @RolesAllowed(Roles.FINANCE)
    @Operation(summary = "财务确认结算单: it becomes immutable; later corrections go onto the next statement")
    @APIResponse(responseCode = "404", description = "UNKNOWN_STATEMENT")
    @APIResponse(responseCode = "409", description = "STATEMENT_CONFIRMED, STATEMENT_NOT_RECONCILED")
    public StatementView confirm(@PathParam("id") long id) {
        return statements.confirm(id, person.username());
    }
}
