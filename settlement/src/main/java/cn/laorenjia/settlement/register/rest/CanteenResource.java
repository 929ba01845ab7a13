package cn.laorenjia.settlement.register.rest;

import cn.laorenjia.contract.error.ApiError;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCodes;
import cn.laorenjia.settlement.register.service.RegisterService;
import cn.laorenjia.settlement.register.service.RegisterViews.CanteenRegistered;
import cn.laorenjia.settlement.register.service.RegisterViews.CanteenView;
import cn.laorenjia.settlement.register.service.RegisterViews.TerminalRegistered;
import cn.laorenjia.settlement.security.CurrentPerson;
import cn.laorenjia.settlement.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import cn.laorenjia.settlement.error.InvalidRequest;
import cn.laorenjia.settlement.register.service.PublicContact;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Optional;

/** Canteens: where they are (街镇), their standard set price, menu and terminals. */
@Path("/api/register/canteens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "register", description = "登记册 (the register)")
@SecurityRequirement(name = "basic")
@APIResponse(responseCode = "400", description = "INVALID_CODE, INVALID_NAME, INVALID_PHONE_NUMBER, UNKNOWN_SUBDISTRICT (街镇不在该区名单中), "
        + "STANDARD_PRICE_OUT_OF_RANGE (标准套餐价格超出现行政策允许的范围; details.lowestFen, highestFen), "
        + "INVALID_REQUEST, MALFORMED_REQUEST",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "401", description = "UNAUTHENTICATED")
@APIResponse(responseCode = "403", description = "FORBIDDEN")
public class CanteenResource {

    private final RegisterService register;
    private final CurrentPerson person;

    public CanteenResource(RegisterService register, CurrentPerson person) {
        this.register = register;
        this.person = person;
    }

    @GET
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.SUPERVISOR, Roles.FINANCE, Roles.CANTEEN_MANAGER})
    @Operation(summary = "食堂列表, optionally of one 街镇 (a canteen manager sees only their own canteen)")
    public List<CanteenView> list(@QueryParam("subdistrict") String subdistrict) {
        return register.canteens(Optional.ofNullable(subdistrict), onlyOwnCanteen());
    }

    @GET
    @Path("/{code}")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.SUPERVISOR, Roles.FINANCE, Roles.CANTEEN_MANAGER})
    @Operation(summary = "一个食堂: 街镇, standard set price (fen and yuan), menu, terminals")
    @APIResponse(responseCode = "404", description = "UNKNOWN_CANTEEN")
    public CanteenView get(@PathParam("code") String code) {
        CanteenView canteen = register.canteen(code);
        onlyOwnCanteen().filter(id -> id != canteen.id()).ifPresent(id -> {
            throw new ApiException(ErrorCodes.FORBIDDEN, "只能查看本人负责的食堂");
        });
        return canteen;
    }

    @POST
    @RolesAllowed(Roles.ADMINISTRATOR)
    @Operation(summary = "登记食堂 with its menu and terminals; each terminal's secret is in the answer, shown this once")
    @APIResponse(responseCode = "201", description = "registered")
    @APIResponse(responseCode = "409", description = "DUPLICATE_CANTEEN, DUPLICATE_TERMINAL, DUPLICATE_MEAL_SET "
            + "(details.field names the duplicated field, e.g. menu[1].code)")
    public Response register(@Valid RegisterRequests.CanteenJson body) {
        CanteenRegistered registered = register.registerCanteen(RegisterRequests.requireBody(body).toCommand(),
                person.username());
        return Response.status(Response.Status.CREATED).entity(registered).build();
    }

    @POST
    @Path("/{code}/terminals")
    @RolesAllowed(Roles.ADMINISTRATOR)
    @Operation(summary = "新增终端 for this canteen; its secret is in the answer, shown this once")
    @APIResponse(responseCode = "201", description = "registered")
    @APIResponse(responseCode = "409", description = "DUPLICATE_TERMINAL")
    public Response addTerminal(@PathParam("code") String code, RegisterRequests.TerminalJson body) {
        TerminalRegistered registered = register.registerTerminal(code, RegisterRequests.requireBody(body).toCommand(),
                person.username());
        return Response.status(Response.Status.CREATED).entity(registered).build();
    }

    /** What the public page says of the canteen besides the register's own data (信息公开); blank clears a field. */
    public record PublicContactJson(@Schema(description = "营业时间, at most 60 characters", example = "周一至周六 11:00-13:00")
                                    String openingHours,
                                    @Schema(description = "对外电话", example = "022-29241234") String publicPhone) {
    }

    @PUT
    @Path("/{code}/public-contact")
    @RolesAllowed(Roles.ADMINISTRATOR)
    @Operation(summary = "设置食堂对外公开的营业时间与电话（信息公开页面显示；记入审计日志）")
    @APIResponse(responseCode = "404", description = "UNKNOWN_CANTEEN")
    public CanteenView setPublicContact(@PathParam("code") String code, PublicContactJson body) {
        PublicContactJson request = RegisterRequests.requireBody(body);
        return register.setPublicContact(code, InvalidRequest.converting(
                () -> new PublicContact(request.openingHours(), request.publicPhone())));
    }

    private Optional<Long> onlyOwnCanteen() {
        return person.seesAllCanteens() ? Optional.empty() : Optional.of(person.managedCanteenId().orElse(-1L));
    }
}
