package cn.laorenjia.terminal.settlement;

import cn.laorenjia.terminal.app.TerminalConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The part of the settlement service's API a counter uses, called with this terminal's credential. Answers
 * are kept as JSON trees: the terminal shows them as the service wrote them (Chinese text, masked identity)
 * and reads only the few fields it acts on. Every refusal becomes a {@link SettlementException} with the
 * service's code and Chinese message; no answer at all becomes {@link SettlementException#UNREACHABLE}.
 *
 * <p>Built on the JDK's HTTP client: quarkus-rest-client for this platform version is not in the package
 * registry reachable from our machines and CI, so it cannot build here.
 */
@ApplicationScoped
public class SettlementClient {

    private final TerminalConfig config;
    private final ObjectMapper json;
    private final HttpClient http;
    private volatile TerminalCredentials credentials;

    public SettlementClient(TerminalConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /** This terminal's code, once a credential is known. */
    public Optional<String> terminalCode() {
        return credentials().map(TerminalCredentials::code);
    }

    /** GET /api/counter/menu: the canteen and its sets, each saying whether it qualifies today. */
    public JsonNode menu() {
        return send("GET", "/api/counter/menu", null);
    }

    /** POST /api/counter/preview: identify and decide, nothing recorded. */
    public JsonNode preview(Map<String, Object> body) {
        return send("POST", "/api/counter/preview", body);
    }

    /** GET /api/counter/totals: today's X report figures. */
    public JsonNode totals() {
        return send("GET", "/api/counter/totals", null);
    }

    /** POST /api/meals: record a subsidised meal, exactly once per saleId. */
    public JsonNode authorise(Map<String, Object> body) {
        return send("POST", "/api/meals", body);
    }

    /** POST /api/meals/{saleId}/void: reverse a sale of today, exactly once per voidId. */
    public JsonNode voidSale(UUID saleId, Map<String, Object> body) {
        return send("POST", "/api/meals/" + saleId + "/void", body);
    }

    /** GET /api/counter/offline/snapshot: the seniors eligible today, their cards and quota used, for offline use. */
    public JsonNode offlineSnapshot() {
        return send("GET", "/api/counter/offline/snapshot", null);
    }

    /** POST /api/meals/offline: queued sales in order; one final answer per sale, in the same order. */
    public JsonNode syncOffline(List<? extends JsonNode> sales) {
        return send("POST", "/api/meals/offline", Map.of("sales", sales));
    }

    private JsonNode send(String method, String path, Object body) {
        TerminalCredentials c = credentials().orElseThrow(() -> new SettlementException(0, "TERMINAL_NOT_CONFIGURED",
                "本终端尚未配置终端编号和密钥,请联系管理员设置 LAORENJIA_TERMINAL_CODE 和 LAORENJIA_TERMINAL_SECRET", null));
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(c.settlementUrl(), path))
                .timeout(config.readTimeout())
                .header("Authorization", c.authorization())
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(write(body), StandardCharsets.UTF_8));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw SettlementException.unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SettlementException.unreachable(e);
        }
        if (response.statusCode() / 100 == 2) {
            try {
                return json.readTree(response.body());
            } catch (JsonProcessingException e) {
                throw new SettlementException(response.statusCode(), "SETTLEMENT_BAD_ANSWER",
                        "结算中心的应答无法识别,请稍后重试;如反复出现请联系管理员", null);
            }
        }
        SettlementException refusal = refusal(response);
        if (response.statusCode() == 401) {
            credentials = null; // the secret may have been rotated: read the credential again next time
        }
        throw refusal;
    }

    private SettlementException refusal(HttpResponse<String> response) {
        int status = response.statusCode();
        try {
            JsonNode body = json.readTree(response.body());
            if (body != null && body.hasNonNull("code")) {
                return new SettlementException(status, body.get("code").asText(),
                        body.path("message").asText("结算中心拒绝了请求"), body.get("details"));
            }
        } catch (JsonProcessingException e) {
            // not the service's error body (a proxy's page, a cut connection): answered below
        }
        return new SettlementException(status, "SETTLEMENT_HTTP_" + status,
                "结算中心返回错误 (HTTP " + status + "),请稍后重试;如反复出现请联系管理员", null);
    }

    private Optional<TerminalCredentials> credentials() {
        TerminalCredentials c = credentials;
        if (c == null) {
            c = TerminalCredentials.resolve(config).orElse(null);
            credentials = c;
        }
        return Optional.ofNullable(c);
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request body", e);
        }
    }

    private static URI resolve(URI base, String path) {
        String b = base.toString();
        return URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) + path : b + path);
    }
}
