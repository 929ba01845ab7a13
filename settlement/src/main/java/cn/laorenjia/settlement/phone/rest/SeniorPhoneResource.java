package cn.laorenjia.settlement.phone.rest;

import cn.laorenjia.settlement.phone.page.SeniorPhonePage;
import cn.laorenjia.settlement.phone.service.PhoneConfig;
import cn.laorenjia.settlement.phone.service.SeniorPhones;
import cn.laorenjia.settlement.security.Roles;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * A clerk's or administrator's side of the senior's phones (a 街道 clerk's only for the seniors of their 街镇): issue a
 * one-time activation code, list the bound phones, revoke one.
 */
@Path("/api/register/seniors/{seniorId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "senior phones", description = "老人手机绑定 (activation codes and bound phones)")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.CLERK})
public class SeniorPhoneResource {

    /** The code once (it is stored only hashed), the address a phone opens, and that address as QR modules. */
    public record IssuedActivation(long id, String code, String grouped, Instant expiresAt, String url, int size,
                                   List<String> modules) {
    }

    private final SeniorPhones phones;
    private final PhoneConfig config;

    public SeniorPhoneResource(SeniorPhones phones, PhoneConfig config) {
        this.phones = phones;
        this.config = config;
    }

    @POST
    @Path("/phone-activations")
    @Operation(summary = "签发手机激活码（12位数字，一次有效，默认24小时内使用）")
    public IssuedActivation issue(@PathParam("seniorId") long seniorId, @Context HttpServerRequest request) {
        SeniorPhones.Activation a = phones.issueActivation(seniorId);
        String base = config.publicBaseUrl().orElseGet(() -> request.scheme() + "://" + request.authority());
        String url = base + "/senior?code=" + URLEncoder.encode(a.code(), StandardCharsets.UTF_8);
        SeniorPhonePage.Modules qr = SeniorPhonePage.modules(url);
        return new IssuedActivation(a.id(), a.code(), a.grouped(), a.expiresAt(), url, qr.size(), qr.rows());
    }

    @GET
    @Path("/phone-devices")
    @Operation(summary = "已绑定的手机（含已解除的）")
    public List<SeniorPhones.Device> devices(@PathParam("seniorId") long seniorId) {
        return phones.devicesForClerk(seniorId);
    }

    @POST
    @Path("/phone-devices/{deviceId}/revoke")
    @Operation(summary = "解除一部手机的绑定（丢失、换机）：此后它取不到餐码")
    public SeniorPhones.Device revoke(@PathParam("seniorId") long seniorId, @PathParam("deviceId") long deviceId) {
        return phones.revokeByClerk(seniorId, deviceId);
    }
}
