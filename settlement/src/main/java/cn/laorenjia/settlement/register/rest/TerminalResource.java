package cn.laorenjia.settlement.register.rest;

import cn.laorenjia.settlement.register.service.RegisterService;
import cn.laorenjia.settlement.register.service.RegisterViews.TerminalView;
import cn.laorenjia.settlement.security.CurrentPerson;
import cn.laorenjia.settlement.security.IssuedTerminalSecret;
import cn.laorenjia.settlement.security.Roles;
import cn.laorenjia.settlement.security.TerminalCredentialService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Optional;

/** Counter terminals and their credentials. */
@Path("/api/register/terminals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "register")
@SecurityRequirement(name = "basic")
@RolesAllowed(Roles.ADMINISTRATOR)
@APIResponse(responseCode = "401", description = "UNAUTHENTICATED")
@APIResponse(responseCode = "403", description = "FORBIDDEN")
public class TerminalResource {

    private final RegisterService register;
    private final TerminalCredentialService credentials;
    private final CurrentPerson person;

    public TerminalResource(RegisterService register, TerminalCredentialService credentials, CurrentPerson person) {
        this.register = register;
        this.credentials = credentials;
        this.person = person;
    }

    @GET
    @Operation(summary = "终端列表, optionally of one canteen (never a secret)")
    public List<TerminalView> list(@QueryParam("canteen") String canteenCode) {
        return register.terminals(Optional.ofNullable(canteenCode));
    }

    @POST
    @Path("/{code}/secret")
    @Operation(summary = "签发或更换终端密钥: a new secret, shown this once; the previous one stops working at once. "
            + "The terminal then sends `Authorization: Terminal <code>:<secret>` with every request.")
    @APIResponse(responseCode = "404", description = "UNKNOWN_TERMINAL")
    public IssuedTerminalSecret rotateSecret(@PathParam("code") String code) {
        return credentials.issue(code, person.username());
    }

    @POST
    @Path("/{code}/deactivate")
    @Operation(summary = "停用终端: its requests are refused (401) from now on")
    @APIResponse(responseCode = "404", description = "UNKNOWN_TERMINAL")
    public TerminalView deactivate(@PathParam("code") String code) {
        return register.setTerminalActive(code, false);
    }

    @POST
    @Path("/{code}/activate")
    @Operation(summary = "启用终端")
    @APIResponse(responseCode = "404", description = "UNKNOWN_TERMINAL")
    public TerminalView activate(@PathParam("code") String code) {
        return register.setTerminalActive(code, true);
    }
}
