package cn.laorenjia.settlement.web;

import cn.laorenjia.contract.error.ApiError;
import cn.laorenjia.settlement.error.ErrorCodes;
import cn.laorenjia.settlement.security.PersonIdentityProvider;
import cn.laorenjia.settlement.security.SecurityConfig;
import cn.laorenjia.settlement.security.SignInLocked;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Locale;

/**
 * What a request nobody signed in for is answered with, in one place (the Basic mechanism's challenge for Quarkus'
 * own routes, the exception mappers for the REST endpoints): a browser navigating to a page goes to the sign-in page,
 * remembering where it was going (Quarkus' form authentication returns there after signing in, only if it is this
 * same origin); an API call gets 401 with the JSON error body. Never a {@code WWW-Authenticate: Basic} challenge.
 */
@ApplicationScoped
public class SignInRedirect {

    public static final String SIGN_IN_PAGE = "/signin";
    /** The terminals' scheme: not one a browser prompts for, and it tells a program what to send. */
    public static final String TERMINAL_CHALLENGE = "Terminal realm=\"laorenjia\"";
    public static final String UNAUTHENTICATED_ZH = "请先登录，或提供有效的终端凭证";

    private final String locationCookie;
    private final String postLocation;
    private final String errorPage;
    private final boolean alwaysSecure;
    private final byte[] unauthenticated;

    public SignInRedirect(@ConfigProperty(name = "quarkus.http.auth.form.location-cookie",
                                  defaultValue = "quarkus-redirect-location") String locationCookie,
                          @ConfigProperty(name = "quarkus.http.auth.form.post-location",
                                  defaultValue = "/j_security_check") String postLocation,
                          @ConfigProperty(name = "quarkus.http.auth.form.error-page") String errorPage,
                          SecurityConfig config, ObjectMapper json) throws JsonProcessingException {
        this.locationCookie = locationCookie;
        this.postLocation = postLocation;
        this.errorPage = errorPage;
        this.alwaysSecure = config.session().alwaysSecureCookie();
        this.unauthenticated = json.writeValueAsBytes(ApiError.of(ErrorCodes.UNAUTHENTICATED, UNAUTHENTICATED_ZH));
    }

    /** The sign-in form's post (Quarkus' form authentication). */
    public boolean isSignInPost(HttpServerRequest request) {
        return request.method() == HttpMethod.POST && postLocation.equals(request.path());
    }

    /**
     * Where a refused sign-in form goes: back to the sign-in page, which says why (a wrong password, or how long the
     * lock-out lasts) in fixed texts of its own.
     */
    public String refusedSignIn(SignInLocked locked) {
        return locked == null ? errorPage : SIGN_IN_PAGE + "?locked=" + locked.retryAfterSeconds();
    }

    /** A browser's navigation to a page (not a script's fetch, not an API path). */
    public static boolean isPageNavigation(String method, String path, String accept, String fetchMode) {
        if (!("GET".equals(method) || "HEAD".equals(method)) || path == null || path.startsWith("/api/")) {
            return false;
        }
        if (fetchMode != null) {
            return fetchMode.equalsIgnoreCase("navigate");
        }
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
    }

    public static boolean isPageNavigation(HttpServerRequest request, String path) {
        return isPageNavigation(request.method().name(), path, request.getHeader(HttpHeaders.ACCEPT),
                request.getHeader("Sec-Fetch-Mode"));
    }

    /** The cookie that remembers the page a browser was going to, read back by Quarkus after the sign-in. */
    public Cookie locationCookie(HttpServerRequest request) {
        return Cookie.cookie(locationCookie, request.absoluteURI()).setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure(alwaysSecure || request.isSSL());
    }

    /** Answers a request nobody is signed in for (Quarkus' own routes: the OpenAPI document, Swagger UI). */
    public void challenge(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (isSignInPost(request)) {
            SignInLocked locked = context.get(PersonIdentityProvider.SIGN_IN_LOCKED);
            context.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, refusedSignIn(locked)).end();
            return;
        }
        if (isPageNavigation(request, context.normalizedPath())) {
            context.response().addCookie(locationCookie(request));
            context.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, SIGN_IN_PAGE).end();
            return;
        }
        context.response().setStatusCode(401)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8")
                .putHeader("WWW-Authenticate", TERMINAL_CHALLENGE)
                .end(Buffer.buffer(unauthenticated));
    }
}
