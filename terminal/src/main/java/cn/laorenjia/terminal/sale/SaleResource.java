package cn.laorenjia.terminal.sale;

import cn.laorenjia.terminal.settlement.SettlementException;
import cn.laorenjia.terminal.voiding.VoidableSale;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.util.List;
import java.util.Map;

/**
 * The cashier page's API (localhost only): each step answers the new counter state, which is also pushed to
 * every open page through {@code /api/sale/events}.
 */
@Path("/api/sale")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class SaleResource {

    public record Select(String mealSetCode) {
    }

    public record LookUp(String idNumber, String reason) {
    }

    public record Confirm(boolean identityChecked) {
    }

    /** A void names the sale it reverses and says why. */
    public record VoidSale(String saleId, String reason) {
    }

    private final SaleFlow flow;

    public SaleResource(SaleFlow flow) {
        this.flow = flow;
    }

    @GET
    @Path("/state")
    public CounterState state() {
        return flow.state();
    }

    /** Server-sent events: the current state at once, then every change. */
    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<CounterState> events() {
        return flow.changes();
    }

    @POST
    @Path("/menu/refresh")
    public CounterState refreshMenu() {
        return flow.refreshMenu();
    }

    @POST
    @Path("/select")
    public CounterState select(Select body) {
        return flow.select(body == null ? null : body.mealSetCode());
    }

    @POST
    @Path("/lookup")
    public CounterState lookUp(LookUp body) {
        if (body == null) {
            return flow.lookUp("", null);
        }
        return flow.lookUp(body.idNumber(), body.reason());
    }

    @POST
    @Path("/confirm")
    public CounterState confirm(Confirm body) {
        return flow.confirm(body != null && body.identityChecked());
    }

    @POST
    @Path("/void")
    public CounterState voidSale(VoidSale body) {
        return body == null ? flow.voidSale(null, null) : flow.voidSale(body.saleId(), body.reason());
    }

    /** This counter's sales to void from, newest first, voided ones marked. */
    @GET
    @Path("/voidable")
    public List<VoidableSale> voidable() {
        return flow.voidableSales();
    }

    @POST
    @Path("/clear")
    public CounterState clear() {
        return flow.clear();
    }

    /** Today's totals (X report) from the settlement ledger; on failure the service's code and message. */
    @GET
    @Path("/totals")
    public Response totals() {
        try {
            XReport totals = flow.totals();
            return Response.ok(totals).build();
        } catch (SettlementException e) {
            return Response.status(502).entity(Map.of("code", e.code(), "message", e.messageZh())).build();
        }
    }
}
