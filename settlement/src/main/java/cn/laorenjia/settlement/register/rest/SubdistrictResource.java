package cn.laorenjia.settlement.register.rest;

import cn.laorenjia.contract.error.ApiError;
import cn.laorenjia.settlement.register.service.Subdistricts;
import cn.laorenjia.settlement.register.service.Subdistricts.SubdistrictView;
import cn.laorenjia.settlement.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Optional;

/** The jurisdiction's list of 街镇 per district, which seniors and canteens are placed in. */
@Path("/api/register/subdistricts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "register")
@SecurityRequirement(name = "basic")
@APIResponse(responseCode = "400", description = "INVALID_NAME, INVALID_REQUEST, MALFORMED_REQUEST",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "401", description = "UNAUTHENTICATED")
@APIResponse(responseCode = "403", description = "FORBIDDEN")
public class SubdistrictResource {

    private final Subdistricts subdistricts;

    public SubdistrictResource(Subdistricts subdistricts) {
        this.subdistricts = subdistricts;
    }

    /** A 街镇 to add to a district's list. */
    @Schema(name = "SubdistrictRequest", example = "{\"district\":\"宝坻区\",\"name\":\"海滨街道\",\"shortCode\":\"HB\"}")
    public record SubdistrictJson(@Schema(description = "区", example = "宝坻区") String district,
                                  @Schema(description = "街道或镇的全称（如 海滨街道，不是 海滨街）") String name,
                                  @Schema(description = "简码：1至8位大写字母或数字，食堂编码中使用（如 BD-HB-01 的 HB）")
                                  String shortCode) {
    }

    @GET
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.SUPERVISOR, Roles.FINANCE})
    @Operation(summary = "街镇名单：某区（或全部）的街道和镇，含已停用的")
    public List<SubdistrictView> list(@QueryParam("district") @Parameter(description = "区，如 宝坻区") String district) {
        return subdistricts.list(Optional.ofNullable(district));
    }

    @POST
    @RolesAllowed(Roles.ADMINISTRATOR)
    @Operation(summary = "增加街镇：加入某区的街镇名单（记入审计日志）")
    @APIResponse(responseCode = "201", description = "已增加")
    @APIResponse(responseCode = "409", description = "DUPLICATE_SUBDISTRICT (details.field = name)")
    public Response add(SubdistrictJson body) {
        SubdistrictJson request = RegisterRequests.requireBody(body);
        return Response.status(Response.Status.CREATED)
                .entity(subdistricts.add(request.district(), request.name(), request.shortCode())).build();
    }

    @POST
    @Path("/{id}/deactivate")
    @RolesAllowed(Roles.ADMINISTRATOR)
    @Operation(summary = "停用街镇：已登记在该街镇的老人和食堂不变，新的登记不再接受（记入审计日志）")
    @APIResponse(responseCode = "404", description = "SUBDISTRICT_NOT_FOUND")
    public SubdistrictView deactivate(@PathParam("id") long id) {
        return subdistricts.setActive(id, false);
    }

    public record ContactPhoneJson(@Schema(description = "街镇民政联系电话；空则清除", example = "022-29241234")
                                   String contactPhone) {
    }

    @PUT
    @Path("/{id}/contact-phone")
    @RolesAllowed(Roles.ADMINISTRATOR)
    @Operation(summary = "设置街镇对外联系电话（信息公开页面显示；记入审计日志）")
    @APIResponse(responseCode = "404", description = "SUBDISTRICT_NOT_FOUND")
    public SubdistrictView setContactPhone(@PathParam("id") long id, ContactPhoneJson body) {
        return subdistricts.setContactPhone(id, RegisterRequests.requireBody(body).contactPhone());
    }

    @POST
    @Path("/{id}/activate")
    @RolesAllowed(Roles.ADMINISTRATOR)
    @Operation(summary = "重新启用街镇（记入审计日志）")
    @APIResponse(responseCode = "404", description = "SUBDISTRICT_NOT_FOUND")
    public SubdistrictView activate(@PathParam("id") long id) {
        return subdistricts.setActive(id, true);
    }
}
