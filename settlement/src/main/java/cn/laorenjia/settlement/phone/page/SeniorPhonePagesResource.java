package cn.laorenjia.settlement.phone.page;

import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCatalogue;
import cn.laorenjia.settlement.error.ErrorCodes;
import cn.laorenjia.settlement.phone.service.PhoneConfig;
import cn.laorenjia.settlement.phone.service.PhoneError;
import cn.laorenjia.settlement.phone.service.SeniorPhones;
import cn.laorenjia.settlement.phone.service.SeniorPhones.BoundDevice;
import cn.laorenjia.settlement.qr.QrConfig;
import cn.laorenjia.settlement.security.SecurityConfig;
import cn.laorenjia.settlement.web.BrowserDefences;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The senior's own phone page (/senior, issue 21): no sign-in, a bound phone instead. The device credential is an
 * HttpOnly cookie scoped to /senior, SameSite=Strict, Secure over TLS: the page's script never holds it (an injected
 * script could not carry it off), the browser sends it only to these pages and never on a cross-site request, and a
 * shared family phone keeps it across restarts without anyone typing anything. Every state-changing request also
 * needs the X-Requested-By header, as on the staff pages. Answers are never cached (BrowserDefences: no-store).
 */
@Path("/senior")
@Tag(name = "senior phone pages")
@PermitAll
public class SeniorPhonePagesResource {

    static final String COOKIE = "laorenjia-phone";
    static final String COOKIE_PATH = "/senior";

    @CheckedTemplate(basePath = "phone")
    static class Templates {
        static native TemplateInstance activate(String code, String notice);

        static native TemplateInstance home(SeniorPhonePage.Home home);
    }

    public record Activate(String code, String name) {
    }

    private final SeniorPhones phones;
    private final SeniorPhonePage page;
    private final PhoneConfig config;
    private final QrConfig qr;
    private final boolean alwaysSecure;
    private final Map<String, String> assets = Map.of(
            "phone.js", resource("/phone/phone.js"), "phone.css", resource("/phone/phone.css"),
            "qr.js", resource("/phone/qr.js"), "clerk.js", resource("/phone/clerk.js"));

    public SeniorPhonePagesResource(SeniorPhones phones, SeniorPhonePage page, PhoneConfig config, QrConfig qr,
                                    SecurityConfig security) {
        this.phones = phones;
        this.page = page;
        this.config = config;
        this.qr = qr;
        this.alwaysSecure = security.session().alwaysSecureCookie();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "老人手机页面：未绑定时输入激活码；已绑定时显示餐码、本周剩余次数、最近就餐与附近食堂")
    public Response home(@CookieParam(COOKIE) String secret, @QueryParam("code") String code,
                         @Context HttpServerRequest request) {
        String prefill = code != null && code.matches("[0-9 ]{1,20}") ? code : "";
        if (secret == null) {
            return Response.ok(Templates.activate(prefill, null)).build();
        }
        BoundDevice device;
        try {
            device = phones.authenticate(secret);
        } catch (ApiException e) {
            // a revoked or unknown credential is forgotten by the browser; the page says so and offers to bind again
            return Response.ok(Templates.activate(prefill, e.messageZh()))
                    .header(HttpHeaders.SET_COOKIE, cookie("", 0, request)).build();
        }
        return Response.ok(Templates.home(page.home(device, qr.phoneCodeValidity().toSeconds()))).build();
    }

    @POST
    @Path("/api/activate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "用激活码绑定这部手机（一次有效）：成功后浏览器保存设备凭据（HttpOnly Cookie）")
    public Response activate(Activate body, @Context HttpServerRequest request) {
        requireOwnPage(request);
        SeniorPhones.Binding binding;
        try {
            binding = phones.redeem(body == null ? null : body.code(), body == null ? null : body.name());
        } catch (ApiException e) {
            if (!PhoneError.PHONE_ACTIVATION_THROTTLED.name().equals(e.code())) {
                throw e;
            }
            // as a locked sign-in is answered: the status from the catalogue, and when to try again
            return Response.status(ErrorCatalogue.status(e.code()).orElseThrow())
                    .header(HttpHeaders.RETRY_AFTER, e.details().get("retryAfterSeconds"))
                    .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).entity(e.toError()).build();
        }
        return Response.ok(Map.of("device", binding.device().deviceId(), "redirect", COOKIE_PATH))
                .header(HttpHeaders.SET_COOKIE, cookie(binding.secret(), config.deviceCookieMaxAge().toSeconds(), request))
                .build();
    }

    @POST
    @Path("/api/code")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "取一个新的手机助餐码（一次就餐有效，60秒内出示）及本周剩余次数")
    public SeniorPhonePage.Code code(@CookieParam(COOKIE) String secret, @Context HttpServerRequest request) {
        requireOwnPage(request);
        return page.code(phones.authenticate(secret));
    }

    @GET
    @Path("/api/devices")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "本老人已绑定的手机")
    public List<SeniorPhonePage.DeviceLine> devices(@CookieParam(COOKIE) String secret) {
        return page.devices(phones.authenticate(secret));
    }

    @POST
    @Path("/api/devices/{deviceId}/revoke")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "解除一部手机的绑定（包括这部手机自己）")
    public Response revoke(@CookieParam(COOKIE) String secret, @PathParam("deviceId") long deviceId,
                           @Context HttpServerRequest request) {
        requireOwnPage(request);
        BoundDevice device = phones.authenticate(secret);
        phones.revokeByPhone(device, deviceId, request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
        Response.ResponseBuilder answer = Response.ok(Map.of("redirect", COOKIE_PATH));
        if (deviceId == device.deviceId()) {
            answer.header(HttpHeaders.SET_COOKIE, cookie("", 0, request));
        }
        return answer.build();
    }

    @GET
    @Path("/assets/{name}")
    @Operation(summary = "手机页面的脚本与样式")
    public Response asset(@PathParam("name") String name) {
        String text = assets.get(name);
        if (text == null) {
            throw new ApiException(ErrorCodes.NOT_FOUND, "没有这个文件");
        }
        String type = name.endsWith(".css") ? "text/css; charset=UTF-8" : "text/javascript; charset=UTF-8";
        return Response.ok(text).type(type).header("Cache-Control", "no-cache").build();
    }

    /** As BrowserDefences asks of a person's requests: a cross-site page cannot set this header. */
    private static void requireOwnPage(HttpServerRequest request) {
        if (!BrowserDefences.PROOF_VALUE.equals(request.getHeader(BrowserDefences.PROOF_HEADER))) {
            throw new ApiException(ErrorCodes.CROSS_SITE_REQUEST_REFUSED,
                    "拒绝跨站请求：请从本系统自己的页面操作（请求须带 X-Requested-By: laorenjia 请求头）");
        }
    }

    private String cookie(String value, long maxAgeSeconds, HttpServerRequest request) {
        boolean secure = alwaysSecure || "https".equals(request.scheme());
        return COOKIE + "=" + value + "; Path=" + COOKIE_PATH + "; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    private static String resource(String name) {
        try (InputStream in = SeniorPhonePagesResource.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
