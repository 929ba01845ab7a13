package cn.laorenjia.terminal.guard;

import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The counter's local HTTP server answers only its own pages (README "柜台本机接口的防护"). Any web page open in a
 * browser on the counter PC can send requests to 127.0.0.1; without this guard such a page could void the last
 * sale or inject a scan, and a name that resolves to 127.0.0.1 (DNS rebinding) could read the API. Every request:
 * <ol>
 *   <li>{@code Host} must be one of this counter's names, else 421 {@code HOST_NOT_ALLOWED};</li>
 *   <li>an {@code Origin} (or, without one, a {@code Referer}) must be the counter's own origin, and on
 *       {@code /api/*} a {@code Sec-Fetch-Site} must say same-origin (or none: typed by the person), else 403
 *       {@code ORIGIN_NOT_ALLOWED};</li>
 *   <li>{@code /api/*} except {@code /api/session} must carry the per-boot token in {@value #TOKEN_HEADER}
 *       (the event stream, which cannot send headers, as {@code ?token=}), else 403 {@code COUNTER_TOKEN_REQUIRED};</li>
 *   <li>a state-changing {@code /api/*} request must send JSON ({@code /api/scan/image}: an image), else 415
 *       {@code UNSUPPORTED_MEDIA_TYPE}: no form, multipart or text/plain body, which browsers send cross-site
 *       without asking.</li>
 * </ol>
 * The security headers (CSP and friends) come from {@code quarkus.http.filter.counter-headers.*} in
 * application.properties, applied before this filter, so refusals carry them too. No CORS header is ever sent.
 */
@ApplicationScoped
public class CounterGuard {

    public static final String TOKEN_HEADER = "X-Counter-Token";
    static final String SESSION_PATH = "/api/session";
    static final String EVENTS_PATH = "/api/sale/events";
    static final String IMAGE_PATH = "/api/scan/image";
    /** Runs after the security headers (route order Integer.MIN_VALUE) and before every resource. */
    private static final int PRIORITY = 1000;

    enum Refusal {
        HOST_NOT_ALLOWED(421, "收银终端只接受本机地址（localhost 或 127.0.0.1）的访问；如需用其他名称访问，请在配置 laorenjia.counter.allowed-hosts 中登记"),
        ORIGIN_NOT_ALLOWED(403, "已拒绝来自其他网页的请求：收银终端的本机接口只供本机的收银页面使用"),
        COUNTER_TOKEN_REQUIRED(403, "缺少或错误的终端会话令牌：请刷新收银页面后再试（终端程序重启后页面需要重新读取令牌）"),
        UNSUPPORTED_MEDIA_TYPE(415, "请求格式不对：本机接口只接受JSON，拍照识别只接受图片");

        final int status;
        final String messageZh;

        Refusal(int status, String messageZh) {
            this.status = status;
            this.messageZh = messageZh;
        }
    }

    private final CounterToken token;
    private final Set<String> configuredHosts;

    public CounterGuard(CounterToken token, CounterGuardConfig config) {
        this.token = token;
        this.configuredHosts = config.allowedHosts().orElse(List.of()).stream()
                .map(String::trim).filter(h -> !h.isEmpty()).map(h -> withPort(h, 80)).collect(Collectors.toUnmodifiableSet());
    }

    void register(@Observes Filters filters) {
        filters.register(this::guard, PRIORITY);
    }

    void guard(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        SocketAddress local = request.localAddress();
        int port = local == null ? -1 : local.port();
        String path = rc.normalizedPath();
        boolean api = path.equals("/api") || path.startsWith("/api/");

        String host = authority(request);
        if (host == null || !hostAllowed(withPort(host, 80), port)) {
            refuse(rc, Refusal.HOST_NOT_ALLOWED, api, "Host " + host);
            return;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        String referer = request.getHeader(HttpHeaders.REFERER);
        if (origin != null ? !originAllowed(origin, port) : referer != null && !originAllowed(referer, port)) {
            refuse(rc, Refusal.ORIGIN_NOT_ALLOWED, api, origin != null ? "Origin " + origin : "Referer " + referer);
            return;
        }
        if (!api) {
            rc.next();
            return;
        }
        // Chromium and Firefox say where a request comes from even when they send no Origin (a GET, an iframe)
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            refuse(rc, Refusal.ORIGIN_NOT_ALLOWED, true, "Sec-Fetch-Site " + site);
            return;
        }
        if (!path.equals(SESSION_PATH)) {
            String presented = request.getHeader(TOKEN_HEADER);
            if (presented == null && path.equals(EVENTS_PATH) && request.method() == HttpMethod.GET) {
                presented = request.getParam("token"); // EventSource cannot send headers
            }
            if (!token.matches(presented)) {
                refuse(rc, Refusal.COUNTER_TOKEN_REQUIRED, true, presented == null ? "no token" : "wrong token");
                return;
            }
        }
        if (changesState(request.method()) && !acceptedBody(path, request.getHeader(HttpHeaders.CONTENT_TYPE))) {
            refuse(rc, Refusal.UNSUPPORTED_MEDIA_TYPE, true, "Content-Type " + request.getHeader(HttpHeaders.CONTENT_TYPE));
            return;
        }
        rc.next();
    }

    /** The Host header, or HTTP/2's :authority (clients such as Java's HttpClient upgrade to h2c). */
    private static String authority(HttpServerRequest request) {
        String host = request.getHeader(HttpHeaders.HOST);
        if (host != null) {
            return host;
        }
        HostAndPort authority = request.authority();
        if (authority == null) {
            return null;
        }
        String name = authority.host().indexOf(':') >= 0 && !authority.host().startsWith("[")
                ? "[" + authority.host() + "]" : authority.host();
        return authority.port() >= 0 ? name + ":" + authority.port() : name;
    }

    /** localhost, 127.0.0.1 and [::1] with the port the request came in on, and the configured names. */
    private boolean hostAllowed(String hostWithPort, int port) {
        return hostWithPort.equals("localhost:" + port) || hostWithPort.equals("127.0.0.1:" + port)
                || hostWithPort.equals("[::1]:" + port) || configuredHosts.contains(hostWithPort);
    }

    private boolean originAllowed(String originOrUrl, int port) {
        try {
            URI uri = new URI(originOrUrl);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getRawAuthority() == null) {
                return false; // "null" (sandboxed frames, file pages), data:, extensions
            }
            return hostAllowed(withPort(uri.getRawAuthority(), scheme.equals("https") ? 443 : 80), port);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** "Host:port" in lower case, with the scheme's default port when none is given. */
    static String withPort(String hostAndMaybePort, int defaultPort) {
        String h = hostAndMaybePort.trim().toLowerCase(Locale.ROOT);
        int bracket = h.lastIndexOf(']');
        boolean hasPort = h.indexOf(':', bracket + 1) >= 0;
        return hasPort ? h : h + ":" + defaultPort;
    }

    private static boolean changesState(HttpMethod method) {
        return method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS;
    }

    private static boolean acceptedBody(String path, String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return path.equals(IMAGE_PATH) ? type.startsWith("image/") : type.equals("application/json");
    }

    private static void refuse(RoutingContext rc, Refusal refusal, boolean api, String why) {
        HttpServerRequest request = rc.request();
        Log.warnf("counter guard refused %s %s: %s (%s)", request.method(), rc.normalizedPath(), refusal, why);
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        var response = rc.response().setStatusCode(refusal.status);
        if (!api && accept != null && accept.contains("text/html")) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                    .end("<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>拒绝访问</title><p>"
                            + refusal.messageZh + "</p></html>");
        } else {
            response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                    .end(new JsonObject().put("code", refusal.name()).put("message", refusal.messageZh).encode());
        }
    }
}
