package cn.laorenjia.settlement.finance;

import cn.laorenjia.settlement.security.AreaScopes;
import cn.laorenjia.settlement.security.Roles;
import cn.laorenjia.settlement.settling.service.SettlementQueries;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The finance page (财务结算), for finance, administrators and supervisors (only finance confirms; the others read it:
 * the script asks /api/security/me and shows no confirm button to them): one HTML page whose script reads the
 * settlement APIs with the person's session (the sign-in page). Nothing is loaded from outside; its script and style
 * are files of their own (no inline script under the Content-Security-Policy).
 */
@Path("/finance")
@Tag(name = "settlement")
public class FinancePageResource {

    private final SettlementQueries queries;
    private final AreaScopes areas;
    private final String page;
    private final String script;
    private final String style;

    public FinancePageResource(SettlementQueries queries, AreaScopes areas) {
        this.queries = queries;
        this.areas = areas;
        this.page = resource("/finance/finance.html");
        this.script = resource("/finance/finance.js");
        this.style = resource("/finance/finance.css");
    }

    private static String resource(String name) {
        try (InputStream in = FinancePageResource.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's script, in a file of its own: the Content-Security-Policy allows no inline script. No data in it. */
    @GET
    @Path("/finance.js")
    @Produces("text/javascript; charset=UTF-8")
    @PermitAll
    public Response script() {
        return Response.ok(script).header("Cache-Control", "no-cache").build();
    }

    @GET
    @Path("/finance.css")
    @Produces("text/css; charset=UTF-8")
    @PermitAll
    public Response style() {
        return Response.ok(style).header("Cache-Control", "no-cache").build();
    }

    @GET
    @Produces("text/html; charset=UTF-8")
    @RolesAllowed({Roles.FINANCE, Roles.ADMINISTRATOR, Roles.SUPERVISOR})
    @Operation(summary = "财务结算页面 (finance page)")
    public Response page() {
        return Response.ok(page).header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("/chart/{month}.svg")
    @Produces("image/svg+xml; charset=UTF-8")
    @RolesAllowed({Roles.FINANCE, Roles.SUPERVISOR, Roles.ADMINISTRATOR})
    @Operation(summary = "每日补贴餐次图 (SVG drawn on the server)")
    public String chart(@PathParam("month") String month) {
        var m = SettlementQueries.parseMonth(month);
        return ChartSvg.subsidisedMealsPerDay(m, queries.mealsPerDay(m, areas.current()));
    }
}
