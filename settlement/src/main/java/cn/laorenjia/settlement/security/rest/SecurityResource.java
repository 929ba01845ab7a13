package cn.laorenjia.settlement.security.rest;

import cn.laorenjia.contract.error.ApiError;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCodes;
import cn.laorenjia.settlement.error.InvalidRequest;
import cn.laorenjia.settlement.security.CurrentPerson;
import cn.laorenjia.settlement.security.IssuedPassword;
import cn.laorenjia.settlement.security.NewPerson;
import cn.laorenjia.settlement.security.PeopleService;
import cn.laorenjia.settlement.security.PersonView;
import cn.laorenjia.settlement.security.Roles;
import cn.laorenjia.settlement.security.TerminalPrincipal;
import io.quarkus.security.Authenticated;
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
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Set;

/** Who am I, and the administrators' management of people who sign in. */
@Path("/api/security")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "security", description = "登录与权限 (sign-in, roles, people)")
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic",
                description = "People: HTTP Basic with a username and password from the embedded user store."),
        @SecurityScheme(securitySchemeName = "terminal", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
                apiKeyName = "Authorization",
                description = "Counter terminals, on every request: `Authorization: Terminal <terminal-code>:<secret>`, "
                        + "e.g. `Terminal BD-HB-01-T1:3q2-7w...` (the secret is the 43-character base64url string shown once "
                        + "by POST /api/register/terminals/{code}/secret). Unknown, deactivated or wrong → 401 UNAUTHENTICATED.")})
@APIResponse(responseCode = "401", description = "未登录或凭证无效 UNAUTHENTICATED",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
public class SecurityResource {

    /** The caller as the service sees them. */
    public record Me(String kind, String name, Set<String> roles, Long terminalId, Long canteenId,
                     @Schema(description = "the 区 the account is limited to (a 街道 clerk; a supervisor or finance officer of a 区 or 街镇); null for the whole installation") String district,
                     @Schema(description = "the 街镇 the account is limited to (a 街道 clerk: the only one whose seniors they see); null otherwise") String subdistrict) {
    }

    private final PeopleService people;
    private final CurrentPerson person;
    private final TerminalPrincipal terminal;

    public SecurityResource(PeopleService people, CurrentPerson person, TerminalPrincipal terminal) {
        this.people = people;
        this.person = person;
        this.terminal = terminal;
    }

    @GET
    @Path("/me")
    @Authenticated
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = "terminal")
    @Operation(summary = "当前调用者: a person's username and roles, or a terminal's code, terminal id and canteen id")
    public Me me() {
        if (terminal.isTerminal()) {
            return new Me("terminal", terminal.terminalCode(), Set.of(Roles.TERMINAL), terminal.terminalId(),
                    terminal.canteenId(), null, null);
        }
        return new Me("person", person.username(), person.roles(), null, person.managedCanteenId().orElse(null),
                person.areaDistrict().orElse(null), person.areaSubdistrict().orElse(null));
    }

    @GET
    @Path("/people")
    @RolesAllowed(Roles.ADMINISTRATOR)
    @SecurityRequirement(name = "basic")
    @Operation(summary = "用户列表 (people who sign in; never their password hashes)")
    public List<PersonView> list() {
        return people.list();
    }

    @POST
    @Path("/people")
    @RolesAllowed(Roles.ADMINISTRATOR)
    @SecurityRequirement(name = "basic")
    @Operation(summary = "新增用户：角色 administrator、finance、supervisor、canteen_manager（须指定 canteenCode）、"
            + "subdistrict_clerk（街道/乡镇经办人员，须指定 district 与 subdistrict）；监管与财务人员可指定 district（及 subdistrict）限定其范围；不给密码时生成一个，只显示这一次")
    @APIResponse(responseCode = "201", description = "created")
    @APIResponse(responseCode = "409", description = "DUPLICATE_USERNAME")
    public Response create(NewPerson body) {
        if (body == null) {
            throw new ApiException(ErrorCodes.MALFORMED_REQUEST, "请求体不能为空");
        }
        IssuedPassword created = people.create(body);
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @POST
    @Path("/people/{username}/password")
    @RolesAllowed(Roles.ADMINISTRATOR)
    @SecurityRequirement(name = "basic")
    @Operation(summary = "重置密码: a new generated password, returned once")
    public IssuedPassword resetPassword(@PathParam("username") String username) {
        return people.resetPassword(username);
    }

    @POST
    @Path("/people/{username}/deactivate")
    @RolesAllowed(Roles.ADMINISTRATOR)
    @SecurityRequirement(name = "basic")
    @Operation(summary = "停用用户 (they can no longer sign in)")
    public PersonView deactivate(@PathParam("username") String username) {
        if (username.equals(person.username())) {
            throw new InvalidRequest("不能停用自己的账号");
        }
        return people.setActive(username, false);
    }

    @POST
    @Path("/people/{username}/activate")
    @RolesAllowed(Roles.ADMINISTRATOR)
    @SecurityRequirement(name = "basic")
    @Operation(summary = "启用用户")
    public PersonView activate(@PathParam("username") String username) {
        return people.setActive(username, true);
    }
}
