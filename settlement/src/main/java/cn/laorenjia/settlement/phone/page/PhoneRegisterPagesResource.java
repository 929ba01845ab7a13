package cn.laorenjia.settlement.phone.page;

import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.phone.service.SeniorPhones;
import cn.laorenjia.settlement.register.page.RegisterNav;
import cn.laorenjia.settlement.register.page.RegisterPageService;
import cn.laorenjia.settlement.register.service.RegisterService;
import cn.laorenjia.settlement.security.CurrentPerson;
import cn.laorenjia.settlement.security.Roles;
import cn.laorenjia.settlement.web.Chrome;
import cn.laorenjia.core.senior.PersonName;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The register's page of a senior's phones (/register/seniors/{id}/phones): issue an activation code to show or print
 * for the family, and see and revoke the bound phones. Linked from the senior's page.
 */
@Path("/register/seniors/{id}/phones")
@Tag(name = "register pages")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.CLERK})
public class PhoneRegisterPagesResource {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @TemplateData
    public record Line(long id, String name, String since, String lastUsed, boolean active, String revoked) {
    }

    @TemplateData
    public record Phones(long seniorId, String maskedName, List<Line> devices) {
    }

    @CheckedTemplate(basePath = "phone")
    static class Templates {
        static native TemplateInstance register(Chrome chrome, Phones phones);
    }

    private final SeniorPhones phones;
    private final RegisterService register;
    private final RegisterPageService pages;
    private final CurrentPerson person;

    public PhoneRegisterPagesResource(SeniorPhones phones, RegisterService register, RegisterPageService pages,
                                      CurrentPerson person) {
        this.phones = phones;
        this.register = register;
        this.pages = pages;
        this.person = person;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "老人的手机绑定页面：签发激活码、查看和解除已绑定的手机")
    public Response page(@PathParam("id") long id, @QueryParam("done") String done) {
        try {
            String name = PersonName.masked(register.findSenior(id).name);
            List<Line> lines = phones.devicesForClerk(id).stream().map(d -> new Line(d.id(), d.name(),
                    minute(d.createdAt()), d.lastUsedAt() == null ? "未使用" : minute(d.lastUsedAt()), d.active(),
                    d.active() ? "" : minute(d.revokedAt()) + "（" + d.revokedBy() + "）")).toList();
            Chrome chrome = RegisterNav.SENIORS.chrome("手机绑定：" + name, pages.who(person.username()), null,
                    pages.administrator());
            if ("revoked".equals(done)) { // a fixed notice chosen by a key, never text from the request
                chrome = new Chrome(chrome.title(), chrome.who(), chrome.nav(), "已解除绑定，这部手机不能再取餐码。");
            }
            return Response.ok(Templates.register(chrome, new Phones(id, name, lines))).build();
        } catch (ApiException e) {
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                    .entity(e.messageZh()).build();
        }
    }

    @POST
    @Path("/{deviceId}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "页面表单：解除一部手机的绑定")
    public Map<String, String> revoke(@PathParam("id") long id, @PathParam("deviceId") long deviceId,
                                      Map<String, String> fields) {
        phones.revokeByClerk(id, deviceId);
        return Map.of("redirect", "/register/seniors/" + id + "/phones?done=revoked");
    }

    private static String minute(Instant at) {
        return at == null ? "" : MINUTE.format(at.atZone(SeniorPhonePage.SHANGHAI));
    }
}
