package cn.laorenjia.settlement.cashier.rest;

import cn.laorenjia.contract.error.ApiError;
import cn.laorenjia.settlement.cashier.service.CashierRegister;
import cn.laorenjia.settlement.cashier.service.CashierRegister.RegisteredCashier;
import cn.laorenjia.settlement.error.InvalidRequest;
import cn.laorenjia.settlement.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The cashiers of a canteen, who sign in at its counters with number and PIN (administrators only). */
@Path("/api/register/canteens/{code}/cashiers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "register")
@SecurityRequirement(name = "basic")
@RolesAllowed(Roles.ADMINISTRATOR)
@APIResponse(responseCode = "400", description = "INVALID_REQUEST, MALFORMED_REQUEST, PIN_TOO_WEAK",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "401", description = "UNAUTHENTICATED")
@APIResponse(responseCode = "403", description = "FORBIDDEN")
@APIResponse(responseCode = "404", description = "UNKNOWN_CANTEEN, CASHIER_NOT_FOUND")
public class CashierResource {

    /** A new cashier: number (1–8 digits, unique in the canteen), name, PIN (4–8 digits, not 0000 nor 123456). */
    @Schema(name = "NewCashierRequest", example = "{\"number\":\"1001\",\"name\":\"王丽\",\"pin\":\"470215\"}")
    public record NewCashierJson(String number, String name, String pin) {
        @Override
        public String toString() {
            return "NewCashierJson[number=" + number + ", name=" + name + ", pin=***]";
        }
    }

    @Schema(name = "CashierPinRequest", example = "{\"pin\":\"583920\"}")
    public record PinJson(String pin) {
        @Override
        public String toString() {
            return "PinJson[pin=***]";
        }
    }

    private final CashierRegister cashiers;

    public CashierResource(CashierRegister cashiers) {
        this.cashiers = cashiers;
    }

    @GET
    @Operation(summary = "收银员列表 of the canteen (number, name, active; never a PIN or its hash)")
    public List<RegisteredCashier> list(@PathParam("code") String canteen) {
        return cashiers.list(canteen);
    }

    @POST
    @Operation(summary = "登记收银员 with the PIN they sign in with at the counter")
    @APIResponse(responseCode = "201", description = "registered")
    @APIResponse(responseCode = "409", description = "DUPLICATE_CASHIER")
    public Response add(@PathParam("code") String canteen, NewCashierJson body) {
        NewCashierJson b = requireBody(body);
        return Response.status(Response.Status.CREATED).entity(cashiers.add(canteen, b.number(), b.name(), b.pin()))
                .build();
    }

    @POST
    @Path("/{number}/pin")
    @Operation(summary = "更换收银员密码 (PIN): the old one stops working at once")
    public RegisteredCashier changePin(@PathParam("code") String canteen, @PathParam("number") String number,
                                       PinJson body) {
        return cashiers.changePin(canteen, number, requireBody(body).pin());
    }

    @POST
    @Path("/{number}/deactivate")
    @Operation(summary = "停用收银员: refused at sign-in, and their live sales and voids are refused (CASHIER_UNKNOWN)")
    public RegisteredCashier deactivate(@PathParam("code") String canteen, @PathParam("number") String number) {
        return cashiers.setActive(canteen, number, false);
    }

    @POST
    @Path("/{number}/activate")
    @Operation(summary = "启用收银员")
    public RegisteredCashier activate(@PathParam("code") String canteen, @PathParam("number") String number) {
        return cashiers.setActive(canteen, number, true);
    }

    private static <T> T requireBody(T body) {
        if (body == null) {
            throw new InvalidRequest("请求内容无效：缺少JSON请求体");
        }
        return body;
    }
}
