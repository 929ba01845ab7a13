package cn.laorenjia.settlement.web;

import cn.laorenjia.contract.error.ApiError;
import cn.laorenjia.settlement.error.ErrorCatalogue;
import cn.laorenjia.settlement.error.ErrorCodes;
import cn.laorenjia.settlement.security.PersonIdentityProvider;
import cn.laorenjia.settlement.security.SecurityConfig;
import cn.laorenjia.settlement.security.SignInLocked;
import cn.laorenjia.settlement.security.TerminalAuthenticationMechanism;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The central's defences for pages opened in ordinary browsers, in one route ahead of sign-in and of every endpoint
 * (README "登录、会话与跨站防护"):
 * <ul>
 * <li><b>Cross-site requests.</b> A state-changing request (POST, PUT, PATCH, DELETE) must (a) carry
 * {@code X-Requested-By: laorenjia}: a cross-site form cannot set a header, and a cross-site fetch with one needs a
 * CORS preflight this service never allows; and (b) when it names an {@code Origin}, come from this service's own
 * origin (as the request reached it) or a configured trusted one, else when it names a {@code Referer}, from a page of
 * it. (a) is asked of every request that carries a person's credentials (Basic or the session cookie). Terminals ({@code Authorization: Terminal ...}) are programs, not browsers: (a) does not apply to them. The
 * sign-in form's post needs (b) only (it is a plain form; (b) stops a foreign page signing a browser in as
 * someone else). Refused: 403 CROSS_SITE_REQUEST_REFUSED.</li>
 * <li><b>Body types.</b> The endpoints read JSON: a form, multipart or text/plain body (what a cross-site form or a
 * "simple" cross-site fetch can send) is refused with 415 UNSUPPORTED_MEDIA_TYPE before anything reads it (an
 * empty body, Content-Length 0, has nothing to read whatever its declared type).</li>
 * <li><b>Headers on every answer</b>: a Content-Security-Policy without inline script, no framing, nosniff,
 * same-origin referrers, and no caching unless an endpoint says otherwise (a page left after signing out is not
 * shown again from the cache).</li>
 * </ul>
 */
@ApplicationScoped
public class BrowserDefences {

    private static final Logger LOG = Logger.getLogger(BrowserDefences.class);

    public static final String PROOF_HEADER = "X-Requested-By";
    public static final String PROOF_VALUE = "laorenjia";

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    /**
     * Swagger UI (administrators only, no data of the register on its page) starts itself with an inline script
     * and styles: it is the one page allowed them.
     */
    static final String CSP_SWAGGER_UI = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";

    private static final Set<String> NOT_JSON = Set.of("application/x-www-form-urlencoded", "multipart/form-data",
            "text/plain");

    private final String postLocation;
    private final String sessionCookie;
    private final String locationCookie;
    private final boolean alwaysSecure;
    private final Set<String> trustedOrigins;
    private final byte[] crossSite;
    private final byte[] notJson;

    public BrowserDefences(SecurityConfig config, ObjectMapper json,
                           @ConfigProperty(name = "quarkus.http.auth.form.post-location",
                                   defaultValue = "/j_security_check") String postLocation,
                           @ConfigProperty(name = "quarkus.http.auth.form.cookie-name",
                                   defaultValue = "quarkus-credential") String sessionCookie,
                           @ConfigProperty(name = "quarkus.http.auth.form.location-cookie",
                                   defaultValue = "quarkus-redirect-location") String locationCookie)
            throws JsonProcessingException {
        this.postLocation = postLocation;
        this.sessionCookie = sessionCookie;
        this.locationCookie = locationCookie;
        this.alwaysSecure = config.session().alwaysSecureCookie();
        this.trustedOrigins = config.session().trustedOrigins().orElse(List.of()).stream()
                .map(BrowserDefences::origin).filter(o -> o != null).collect(Collectors.toUnmodifiableSet());
        this.crossSite = json.writeValueAsBytes(ApiError.of(ErrorCodes.CROSS_SITE_REQUEST_REFUSED,
                "拒绝跨站请求：请从本系统自己的页面操作（请求须带 X-Requested-By: laorenjia 请求头，且来源须为本站）"));
        this.notJson = json.writeValueAsBytes(ApiError.of(ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
                "请求内容类型不受支持，请使用 application/json"));
    }

    void install(@Observes Router router) {
        // ahead of CORS, authentication (the sign-in form's post) and every endpoint
        router.route().order(Integer.MIN_VALUE + 100).handler(this::handle);
    }

    void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        HttpServerResponse response = context.response();
        String path = context.normalizedPath();
        MultiMap headers = response.headers();
        headers.set("Content-Security-Policy", path.startsWith("/q/swagger-ui") ? CSP_SWAGGER_UI : CSP);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "same-origin");
        boolean signInPost = path.equals(postLocation);
        context.addHeadersEndHandler(v -> beforeHeadersLeave(context, signInPost));

        if (!isStateChanging(request.method())) {
            context.next();
            return;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean terminal = authorization != null && authorization.regionMatches(true, 0,
                TerminalAuthenticationMechanism.SCHEME + " ", 0, TerminalAuthenticationMechanism.SCHEME.length() + 1);
        String refusal = crossSiteRefusal(request, !signInPost && !terminal && carriesPersonCredentials(request));
        if (refusal != null) {
            LOG.infof("Refused a cross-site %s %s: %s", request.method(), path, refusal);
            end(response, ErrorCodes.CROSS_SITE_REQUEST_REFUSED, crossSite);
            return;
        }
        if (!signInPost && isNotJson(request.getHeader(HttpHeaders.CONTENT_TYPE))
                && !"0".equals(request.getHeader(HttpHeaders.CONTENT_LENGTH))) {
            end(response, ErrorCodes.UNSUPPORTED_MEDIA_TYPE, notJson);
            return;
        }
        context.next();
    }

    /**
     * A person's credentials: HTTP Basic or the session cookie. A request with none is not signed in and is answered
     * 401 by whatever it asks for (no proof is asked of it: it has no session to abuse).
     */
    private boolean carriesPersonCredentials(HttpServerRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null || request.getCookie(sessionCookie) != null;
    }

    /** Why the request is refused as cross-site, or null when it is not. */
    String crossSiteRefusal(HttpServerRequest request, boolean needsProofHeader) {
        if (needsProofHeader && !PROOF_VALUE.equals(request.getHeader(PROOF_HEADER))) {
            return "no " + PROOF_HEADER + " header";
        }
        String own = ownOrigin(request);
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null) {
            String o = origin(origin);
            return o != null && (o.equals(own) || trustedOrigins.contains(o)) ? null : "foreign Origin";
        }
        String referer = request.getHeader(HttpHeaders.REFERER);
        if (referer != null) {
            String o = origin(referer);
            return o != null && (o.equals(own) || trustedOrigins.contains(o)) ? null : "foreign Referer";
        }
        return null;
    }

    static boolean isStateChanging(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH
                || method == HttpMethod.DELETE;
    }

    static boolean isNotJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return NOT_JSON.contains(type);
    }

    /** scheme://host:port as this request reached the service (the port always written out). */
    static String ownOrigin(HttpServerRequest request) {
        String host = request.getHeader(HttpHeaders.HOST);
        return host == null ? null : origin(request.scheme() + "://" + host);
    }

    /** The origin of a URL, normalised (lower case, the port always written out), or null when it has none. */
    static String origin(String url) {
        try {
            URI uri = URI.create(url.trim());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null) {
                return null;
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
            return port < 0 ? null : scheme + "://" + host.toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return null; // "null" (an opaque origin) and anything unparsable: not ours
        }
    }

    private void beforeHeadersLeave(RoutingContext context, boolean signInPost) {
        HttpServerResponse response = context.response();
        MultiMap headers = response.headers();
        if (!headers.contains(HttpHeaders.CACHE_CONTROL)) {
            headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        if (signInPost && response.getStatusCode() == 302) {
            SignInLocked locked = context.get(PersonIdentityProvider.SIGN_IN_LOCKED);
            if (locked != null) {
                headers.set(HttpHeaders.LOCATION, SignInRedirect.SIGN_IN_PAGE + "?locked=" + locked.retryAfterSeconds());
            }
        }
        if (alwaysSecure) {
            List<String> cookies = headers.getAll(HttpHeaders.SET_COOKIE);
            if (!cookies.isEmpty()) {
                headers.remove(HttpHeaders.SET_COOKIE);
                for (String cookie : cookies) {
                    boolean ours = cookie.startsWith(sessionCookie + "=") || cookie.startsWith(locationCookie + "=");
                    boolean secure = cookie.toLowerCase(Locale.ROOT).contains("; secure");
                    headers.add(HttpHeaders.SET_COOKIE, ours && !secure ? cookie + "; Secure" : cookie);
                }
            }
        }
    }

    private static void end(HttpServerResponse response, String code, byte[] body) {
        response.setStatusCode(ErrorCatalogue.status(code).getAsInt())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8")
                .end(Buffer.buffer(body));
    }
}
