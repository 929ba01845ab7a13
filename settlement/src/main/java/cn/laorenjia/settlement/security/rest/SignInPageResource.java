package cn.laorenjia.settlement.security.rest;

import cn.laorenjia.settlement.security.Roles;
import cn.laorenjia.settlement.web.SignInRedirect;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The people's sign-in page (登录), sign-out, and the start page. The page is a plain form posted to Quarkus' form
 * authentication ({@code POST /j_security_check}); the one line it may show is chosen here from fixed texts (never
 * text from the request), so it needs no script at all.
 */
@Path("/")
@Tag(name = "security")
public class SignInPageResource {

    private final String page;
    private final String css;
    private final String sessionCookie;
    private final String cookiePath;
    private final SecurityIdentity identity;

    public SignInPageResource(SecurityIdentity identity, @ConfigProperty(name = "quarkus.http.auth.form.cookie-name",
                                      defaultValue = "quarkus-credential") String sessionCookie,
                              @ConfigProperty(name = "quarkus.http.auth.form.cookie-path", defaultValue = "/")
                              String cookiePath) {
        this.page = resource("/signin/signin.html");
        this.css = resource("/signin/signin.css");
        this.sessionCookie = sessionCookie;
        this.cookiePath = cookiePath;
        this.identity = identity;
    }

    /** Where a person lands after signing in without a page to return to: the page of their role. */
    @GET
    @PermitAll
    @Operation(summary = "首页: the finance page for finance staff, the register's pages for administrators and 街道 clerks, the supervision pages for supervisors, else sign-in")
    public Response start() {
        String to = identity.isAnonymous() ? SignInRedirect.SIGN_IN_PAGE
                : identity.hasRole(Roles.FINANCE) ? "/finance"
                : identity.hasRole(Roles.ADMINISTRATOR) || identity.hasRole(Roles.CLERK) ? "/register"
                : identity.hasRole(Roles.SUPERVISOR) ? "/supervision"
                : SignInRedirect.SIGN_IN_PAGE + "?norole=1";
        return Response.seeOther(URI.create(to)).build();
    }

    @GET
    @Path("signin")
    @PermitAll
    @Produces("text/html; charset=UTF-8")
    @Operation(summary = "登录页面 (sign-in page)")
    public String signIn(@QueryParam("error") String error, @QueryParam("locked") String locked,
                         @QueryParam("out") String out, @QueryParam("norole") String noRole) {
        String message = "";
        String kind = "info";
        if (locked != null) {
            message = lockedMessage(locked);
            kind = "error";
        } else if (error != null) {
            message = "用户名或密码不正确，请重新输入";
            kind = "error";
        } else if (noRole != null) {
            message = "您的账号没有可使用的页面，请联系系统管理员";
            kind = "error";
        } else if (out != null) {
            message = "您已退出登录";
        }
        // fixed texts only: nothing from the request reaches the page
        return page.replace("{{message-class}}", kind).replace("{{message}}", message);
    }

    @GET
    @Path("signin/signin.css")
    @PermitAll
    @Produces("text/css; charset=UTF-8")
    public Response signInCss() {
        return Response.ok(css).header("Cache-Control", "max-age=300").build();
    }

    /**
     * Ends the browser's session: the session cookie is cleared and the browser sent to the sign-in page. A POST with
     * the cross-site proof like every other change (BrowserDefences), so a foreign page cannot sign anyone out.
     */
    @POST
    @Path("signout")
    @PermitAll
    @Operation(summary = "退出登录 (sign out: clears the session cookie)")
    public Response signOut() {
        NewCookie cleared = new NewCookie.Builder(sessionCookie).value("").path(cookiePath).maxAge(0)
                .httpOnly(true).sameSite(NewCookie.SameSite.STRICT).build();
        return Response.seeOther(URI.create(SignInRedirect.SIGN_IN_PAGE + "?out=1")).cookie(cleared).build();
    }

    static String lockedMessage(String seconds) {
        long s;
        try {
            s = Math.max(1, Long.parseLong(seconds));
        } catch (NumberFormatException e) {
            s = 60;
        }
        return s < 60 ? "登录失败次数过多，请 " + s + " 秒后再试" : "登录失败次数过多，请 " + ((s + 59) / 60) + " 分钟后再试";
    }

    static String resource(String name) {
        try (InputStream in = SignInPageResource.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
