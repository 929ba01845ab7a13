package cn.laorenjia.settlement.counter.rest;

import cn.laorenjia.contract.counter.CounterMenu;
import cn.laorenjia.settlement.counter.service.CounterService;
import cn.laorenjia.contract.counter.CounterTotals;
import cn.laorenjia.contract.counter.MealPreview;
import cn.laorenjia.contract.counter.PreviewRequest;
import cn.laorenjia.settlement.error.InvalidRequest;
import cn.laorenjia.settlement.ledger.rest.MealRequests;
import cn.laorenjia.settlement.ledger.service.MealLedger;
import cn.laorenjia.settlement.security.Roles;
import cn.laorenjia.settlement.security.TerminalPrincipal;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What a counter terminal reads to serve the queue: its menu, a preview before confirming, today's totals. */
@Path("/api/counter")
@RolesAllowed(Roles.TERMINAL)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "counter", description = "收银台查询 (read-only views for counter terminals)")
public class CounterResource {

    private final CounterService counter;
    private final TerminalPrincipal terminal;

    public CounterResource(CounterService counter, TerminalPrincipal terminal) {
        this.counter = counter;
        this.terminal = terminal;
    }

    @GET
    @Path("/menu")
    @Operation(summary = "本终端所属食堂及今日菜单: each set with its slot, price and whether it qualifies for the "
            + "subsidy under the policy in force today (slot covered, standard price or dearer)")
    public CounterMenu menu() {
        return counter.menu(counterOfCaller());
    }

    @POST
    @Path("/preview")
    @Operation(summary = "识别老人并预判本餐 (nothing recorded): masked name and ID, routes, price, discount, amount to "
            + "pay, meals left, and when not subsidised the code and message the sale would be refused with. "
            + "Manual lookup by the cashier: identification {method: MANUAL, idNumber, reason}.")
    @APIResponse(responseCode = "200", description = "decided; subsidised true or false")
    @APIResponse(responseCode = "400", description = "INVALID_REQUEST, INVALID_ID_NUMBER, INVALID_CARD_IDENTIFIER")
    @APIResponse(responseCode = "403", description = "CARD_NOT_ACTIVE")
    @APIResponse(responseCode = "404", description = "UNKNOWN_CARD, UNKNOWN_SENIOR, UNKNOWN_MEAL_SET")
    public MealPreview preview(PreviewRequest body) {
        if (body == null || body.identification() == null) {
            throw InvalidRequest.missing("identification");
        }
        if (body.mealSetCode() == null || body.mealSetCode().isBlank()) {
            throw InvalidRequest.missing("mealSetCode");
        }
        return counter.preview(counterOfCaller(), MealRequests.identification(body.identification()), body.mealSetCode());
    }

    /**
     * The counter's light probe (every few seconds while idle): proves the central answers and knows this terminal,
     * without a database query, so that a counter notices a lost link before the next senior comes.
     */
    @GET
    @Path("/ping")
    @Operation(summary = "连通检测: 204 for an authenticated terminal; nothing read, nothing recorded")
    @APIResponse(responseCode = "204", description = "the central answers this terminal")
    @APIResponse(responseCode = "401", description = "UNAUTHENTICATED")
    public void ping() {
        // an authenticated terminal is all this answer says; void gives 204 No Content
    }

    @GET
    @Path("/totals")
    @Operation(summary = "今日汇总 (X report): sales, subsidised meals, discounts, amounts paid and voids of this "
            + "terminal and of its canteen, from the ledger")
    public CounterTotals totals() {
        return counter.totals(counterOfCaller());
    }

    private MealLedger.Counter counterOfCaller() {
        return new MealLedger.Counter(terminal.terminalId(), terminal.canteenId());
    }
}
