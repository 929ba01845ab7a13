package cn.laorenjia.settlement.cashier.rest;

import cn.laorenjia.contract.counter.CashierSignInRequest;
import cn.laorenjia.contract.counter.CashierView;
import cn.laorenjia.settlement.cashier.service.CashierRosters;
import cn.laorenjia.settlement.cashier.service.CashierSignIn;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCodes;
import cn.laorenjia.settlement.error.InvalidRequest;
import cn.laorenjia.settlement.security.Roles;
import cn.laorenjia.settlement.security.TerminalPrincipal;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A cashier signs in at a counter of their canteen (the terminal asks on their behalf); the counter fetches its
 * canteen's roster for signing cashiers in while the network is down.
 */
@Path("/api/counter/cashiers")
@RolesAllowed(Roles.TERMINAL)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "counter")
public class CounterCashierResource {

    private final CashierSignIn signIn;
    private final CashierRosters rosters;
    private final TerminalPrincipal terminal;

    public CounterCashierResource(CashierSignIn signIn, CashierRosters rosters, TerminalPrincipal terminal) {
        this.signIn = signIn;
        this.rosters = rosters;
        this.terminal = terminal;
    }

    @GET
    @Operation(summary = "收银员名单 for offline sign-in: the active cashiers of this terminal's canteen with the bcrypt "
            + "hash of each PIN (never a PIN); ETag/304; audited when handed out (CASHIER_ROSTER_ISSUED)")
    @APIResponse(responseCode = "200", description = "the roster (CashierRoster), with its ETag")
    @APIResponse(responseCode = "304", description = "If-None-Match names the current roster")
    @APIResponse(responseCode = "403", description = "NOT_A_TERMINAL")
    public Response roster(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        CashierRosters.Served served = rosters.serve(terminal.canteenId(), ifNoneMatch);
        Response.ResponseBuilder answer = served instanceof CashierRosters.Roster r ? Response.ok(r.roster())
                : Response.notModified();
        // PIN hashes: never kept by a cache on the way
        return answer.header(HttpHeaders.ETAG, served.etag()).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @POST
    @Path("/sign-in")
    @Operation(summary = "收银员登录: number and PIN of a cashier of this terminal's canteen; the cashier's number and name")
    @APIResponse(responseCode = "200", description = "signed in")
    @APIResponse(responseCode = "400", description = "INVALID_REQUEST (number or pin missing)")
    @APIResponse(responseCode = "403", description = "CASHIER_SIGN_IN_FAILED (unknown number, wrong PIN, inactive "
            + "cashier, cashier of another canteen: one answer), NOT_A_TERMINAL")
    @APIResponse(responseCode = "429", description = "SIGN_IN_LOCKED: too many wrong PINs for this number at this "
            + "terminal, with Retry-After")
    public CashierView signIn(CashierSignInRequest body) {
        if (body == null) {
            throw new InvalidRequest("请求内容无效：缺少JSON请求体");
        }
        if (body.number() == null || body.number().isEmpty()) {
            throw InvalidRequest.missing("number");
        }
        if (body.pin() == null || body.pin().isEmpty()) {
            throw InvalidRequest.missing("pin");
        }
        if (body.number().length() > 64 || body.pin().length() > 64) {
            // bcrypt would ignore the rest anyway; a PIN is at most 8 digits
            throw new ApiException(ErrorCodes.CASHIER_SIGN_IN_FAILED, "工号或密码不正确，请重新输入");
        }
        return signIn.signIn(new CashierSignIn.Counter(terminal.terminalCode(), terminal.canteenId()),
                body.number(), body.pin());
    }
}
