package cn.laorenjia.settlement.till.rest;

import cn.laorenjia.contract.till.ShiftClosed;
import cn.laorenjia.contract.till.ShiftClosing;
import cn.laorenjia.contract.till.ShiftOpening;
import cn.laorenjia.contract.till.TillRecordAnswer;
import cn.laorenjia.contract.till.TillSale;
import cn.laorenjia.contract.till.TillVoid;
import cn.laorenjia.settlement.ledger.service.TransientFailures;
import cn.laorenjia.settlement.security.Roles;
import cn.laorenjia.settlement.security.TerminalPrincipal;
import cn.laorenjia.settlement.till.service.TillBatches;
import cn.laorenjia.settlement.till.service.TillRecords;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/**
 * The counter uploads its till's records, in the order made: a shift's opening, then its sales and voids, then its
 * closing. Every record is idempotent by its id (a resend is DUPLICATE; the same id with other content is refused
 * DUPLICATE_ID_DIFFERENT_BODY). Sales and voids come in batches answered record by record.
 */
@Path("/api/counter/till")
@RolesAllowed(Roles.TERMINAL)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "till", description = "收银台账 (the till's shifts, sales of every kind, voids and Z reports)")
public class CounterTillResource {

    private final TillRecords records;
    private final TillBatches batches;
    private final TerminalPrincipal terminal;

    public CounterTillResource(TillRecords records, TillBatches batches, TerminalPrincipal terminal) {
        this.records = records;
        this.batches = batches;
        this.terminal = terminal;
    }

    @POST
    @Path("/shifts")
    @Operation(summary = "开班: a cashier of this canteen opened a shift at this counter with a float; ACCEPTED, or "
            + "DUPLICATE for a resend")
    @APIResponse(responseCode = "200", description = "ACCEPTED or DUPLICATE")
    @APIResponse(responseCode = "400", description = "INVALID_REQUEST, MALFORMED_REQUEST, TIMESTAMP_OUT_OF_RANGE")
    @APIResponse(responseCode = "403", description = "CASHIER_UNKNOWN, NOT_A_TERMINAL")
    @APIResponse(responseCode = "409", description = "DUPLICATE_ID_DIFFERENT_BODY")
    public TillRecordAnswer open(ShiftOpening body) {
        return TransientFailures.retry(() -> records.open(counter(), body));
    }

    @POST
    @Path("/sales")
    @Operation(summary = "上传销售: a list of sales (subsidised or full price, with tender and change), in the order "
            + "made, at most 200; one answer per sale in the same order: ACCEPTED (ledger CONFIRMED, UNCONFIRMED or "
            + "NONE), DUPLICATE, or REFUSED with its code (nothing recorded for it; the others are taken)")
    @APIResponse(responseCode = "200", description = "one answer per sale")
    @APIResponse(responseCode = "400", description = "MALFORMED_REQUEST, INVALID_REQUEST (not a list of 1 to 200, a "
            + "saleId twice)")
    public List<TillRecordAnswer> sales(List<TillSale> body) {
        return batches.sales(counter(), body);
    }

    @POST
    @Path("/voids")
    @Operation(summary = "上传撤销: a list of voids, each of a sale of this counter in the same open shift, refunding its "
            + "amount due by its tender; one answer per void, as for sales")
    @APIResponse(responseCode = "200", description = "one answer per void")
    @APIResponse(responseCode = "400", description = "MALFORMED_REQUEST, INVALID_REQUEST")
    public List<TillRecordAnswer> voids(List<TillVoid> body) {
        return batches.voids(counter(), body);
    }

    @POST
    @Path("/shifts/{shiftId}/close")
    @Operation(summary = "交班: the counted cash and the counter's Z report; answers the central's own Z report from "
            + "the records it holds, whether the two agree to the fen and which figures differ (both are kept)")
    @APIResponse(responseCode = "200", description = "ACCEPTED or DUPLICATE, with both reports")
    @APIResponse(responseCode = "400", description = "INVALID_REQUEST, MALFORMED_REQUEST, TIMESTAMP_OUT_OF_RANGE")
    @APIResponse(responseCode = "403", description = "CASHIER_UNKNOWN, TILL_SHIFT_NOT_OF_THIS_TERMINAL")
    @APIResponse(responseCode = "404", description = "TILL_SHIFT_UNKNOWN")
    @APIResponse(responseCode = "409", description = "DUPLICATE_ID_DIFFERENT_BODY (closed before with another closing)")
    public ShiftClosed close(@PathParam("shiftId") UUID shiftId, ShiftClosing body) {
        return TransientFailures.retry(() -> records.close(counter(), shiftId, body));
    }

    private TillRecords.Counter counter() {
        return new TillRecords.Counter(terminal.terminalId(), terminal.canteenId());
    }
}
