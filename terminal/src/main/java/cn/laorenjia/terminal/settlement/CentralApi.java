package cn.laorenjia.terminal.settlement;

import cn.laorenjia.contract.counter.CashierRoster;
import cn.laorenjia.contract.counter.CashierSignInRequest;
import cn.laorenjia.contract.counter.CashierView;
import cn.laorenjia.contract.counter.CounterMenu;
import cn.laorenjia.contract.counter.CounterTotals;
import cn.laorenjia.contract.counter.MealPreview;
import cn.laorenjia.contract.counter.PreviewRequest;
import cn.laorenjia.contract.meal.AuthoriseMealRequest;
import cn.laorenjia.contract.meal.MealAuthorisation;
import cn.laorenjia.contract.meal.MealVoid;
import cn.laorenjia.contract.meal.VoidMealRequest;
import cn.laorenjia.contract.offline.OfflineSaleResult;
import cn.laorenjia.contract.offline.OfflineSnapshot;
import cn.laorenjia.contract.offline.OfflineSyncRequest;
import cn.laorenjia.contract.till.ShiftClosed;
import cn.laorenjia.contract.till.ShiftClosing;
import cn.laorenjia.contract.till.ShiftOpening;
import cn.laorenjia.contract.till.TillRecordAnswer;
import cn.laorenjia.contract.till.TillSale;
import cn.laorenjia.contract.till.TillVoid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import org.jboss.resteasy.reactive.RestResponse;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;
import java.util.UUID;

/**
 * The part of the central's API a counter uses, in the contract's records. Built by {@link SettlementClient} for
 * the credential in use (its base URL, its Authorization header, the configured timeouts); every refusal arrives as
 * a {@link SettlementException} through {@link CentralErrors}.
 */
@RegisterRestClient(configKey = "settlement")
@RegisterProvider(CentralErrors.class)
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface CentralApi {

    /** The canteen and its sets, each saying whether it qualifies today. */
    @GET
    @Path("/counter/menu")
    CounterMenu menu();

    /** Identify and decide, nothing recorded. */
    @POST
    @Path("/counter/preview")
    MealPreview preview(PreviewRequest request);

    /**
     * The active cashiers of this terminal's canteen with their PIN hashes, for offline sign-in: 304 when
     * {@code ifNoneMatch} names the roster held.
     */
    @GET
    @Path("/counter/cashiers")
    RestResponse<CashierRoster> cashierRoster(@HeaderParam("If-None-Match") String ifNoneMatch);

    /** A cashier of this terminal's canteen signs in: number and PIN, checked centrally. */
    @POST
    @Path("/counter/cashiers/sign-in")
    CashierView signInCashier(CashierSignInRequest request);

    /** The light probe: 204 when the central answers this terminal (nothing read or recorded there). */
    @GET
    @Path("/counter/ping")
    void ping();

    /** Today's X report figures. */
    @GET
    @Path("/counter/totals")
    CounterTotals totals();

    /** Record a subsidised meal, exactly once per saleId. */
    @POST
    @Path("/meals")
    MealAuthorisation authorise(AuthoriseMealRequest request);

    /** Reverse a sale of today, exactly once per voidId. */
    @POST
    @Path("/meals/{saleId}/void")
    MealVoid voidSale(@PathParam("saleId") UUID saleId, VoidMealRequest request);

    /**
     * The jurisdiction's seniors eligible today, their cards (keyed hashes) and quota used, for offline use: 304
     * when {@code ifNoneMatch} names the current version, a delta from {@code since} when the central still has it.
     */
    @GET
    @Path("/counter/offline/snapshot")
    RestResponse<OfflineSnapshot> offlineSnapshot(@QueryParam("since") Long since,
                                                  @HeaderParam("If-None-Match") String ifNoneMatch);

    /** Queued sales in order; one final answer per sale, in the same order. */
    @POST
    @Path("/meals/offline")
    List<OfflineSaleResult> syncOffline(OfflineSyncRequest request);

    /** A shift opened at this counter (idempotent by shiftId). */
    @POST
    @Path("/counter/till/shifts")
    TillRecordAnswer openShift(ShiftOpening opening);

    /** Till sales in the order made; one answer per sale, in the same order. */
    @POST
    @Path("/counter/till/sales")
    List<TillRecordAnswer> tillSales(List<TillSale> sales);

    /** Till voids in the order made; one answer per void, in the same order. */
    @POST
    @Path("/counter/till/voids")
    List<TillRecordAnswer> tillVoids(List<TillVoid> voids);

    /** A shift closed with the counted cash and the counter's Z report (idempotent by shiftId). */
    @POST
    @Path("/counter/till/shifts/{shiftId}/close")
    ShiftClosed closeShift(@PathParam("shiftId") UUID shiftId, ShiftClosing closing);
}
