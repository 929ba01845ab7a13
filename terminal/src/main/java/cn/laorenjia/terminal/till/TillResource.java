package cn.laorenjia.terminal.till;

import cn.laorenjia.contract.till.ZReport;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.till.TillRefusal;
import cn.laorenjia.terminal.sale.SaleFlow;
import cn.laorenjia.terminal.sale.XReport;
import cn.laorenjia.terminal.settlement.SettlementException;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The cashier page's till API (localhost only, behind the counter guard like /api/sale): the shift, its opening and
 * closing, the X figures, a closed shift's Z report, this shift's sales, and a sale with its tender.
 */
@Path("/api/till")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class TillResource {

    /** The float counted into the drawer, in yuan as typed ("200", "200.00"). */
    public record Open(String openingFloat) {
    }

    /** The cash counted in the drawer at the close, in yuan as typed. */
    public record Close(String countedCash) {
    }

    /**
     * @param tender   CASH, WECHAT, ALIPAY or BANK_CARD (null: cash)
     * @param tendered for cash, the yuan handed over (blank: exactly what is due)
     * @param walkIn   with nobody identified: sell the selected set at full price
     * @param dueFen   the amount due the tender step showed; the sale is refused (DUE_CHANGED) if it is not due now
     */
    public record Sell(boolean identityChecked, String tender, String tendered, boolean walkIn, Long dueFen) {
    }

    private final Till till;
    private final SaleFlow flow;

    public TillResource(Till till, SaleFlow flow) {
        this.till = till;
        this.flow = flow;
    }

    @GET
    @Path("/shift")
    public Till.ShiftState shift() {
        return till.state();
    }

    @POST
    @Path("/shift/open")
    public Till.ShiftState open(Open body) {
        till.open(body == null ? null : body.openingFloat());
        return till.state();
    }

    /** Closes the open shift; answers its Z report (kept, printable at zreport.html?shift=…). */
    @POST
    @Path("/shift/close")
    public ZReport close(Close body) {
        var menu = flow.state().menu();
        return till.close(body == null ? null : body.countedCash(), menu == null ? null : menu.canteenCode());
    }

    @GET
    @Path("/shifts/{shiftId}/z")
    public ZReport zReport(@PathParam("shiftId") String shiftId) {
        UUID id;
        try {
            id = UUID.fromString(shiftId);
        } catch (IllegalArgumentException e) {
            throw new TillProblem(TillProblem.Code.SHIFT_UNKNOWN);
        }
        return till.zReport(id).orElseThrow(() -> new TillProblem(TillProblem.Code.SHIFT_UNKNOWN));
    }

    /** The open shift's sales, newest first: for the void dialog and the cashier's list. */
    @GET
    @Path("/sales")
    public List<TillJournal.SaleView> sales() {
        return till.sales();
    }

    /**
     * The X report (F8): the open shift's figures from the till journal (offline too), and today's figures from the
     * central's ledger when it answers ({@code central.terminal}/{@code canteen} null when it cannot be reached).
     */
    @GET
    @Path("/x")
    public Map<String, Object> x() {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("shift", till.state());
        try {
            XReport central = flow.totals();
            x.put("central", central);
            x.put("centralReachable", central.terminal() != null);
        } catch (SettlementException e) {
            x.put("centralReachable", false);
            x.put("centralProblem", Map.of("code", e.code(), "message", String.valueOf(e.messageZh())));
        }
        return x;
    }

    /** Sells the previewed meal (or a walk-in's set) with its tender; the new state and the till sale made, if any. */
    @POST
    @Path("/sell")
    public Map<String, Object> sell(Sell body) {
        Sell b = body == null ? new Sell(false, null, null, false, null) : body;
        TenderChoice choice = TenderChoice.parse(b.tender(), b.tendered());
        SaleFlow.Sold sold = flow.sell(b.identityChecked(), choice, b.walkIn(),
                b.dueFen() == null ? null : Money.ofFen(b.dueFen()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("state", sold.state());
        answer.put("sale", sold.sale());
        return answer;
    }

    @ServerExceptionMapper
    public Response problem(TillProblem e) {
        return Response.status(e.code().conflict() ? 409 : 400).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("code", e.code().name(), "message", e.messageZh())).build();
    }

    @ServerExceptionMapper
    public Response refused(TillRefusal e) {
        return Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("code", e.code().name(), "message", e.messageZh())).build();
    }
}
