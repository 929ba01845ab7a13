package cn.laorenjia.terminal.testing;

import cn.laorenjia.terminal.guard.CounterGuard;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counter's local API as its own pages call it: with the per-boot token read from {@code GET /api/session}
 * (README "柜台本机接口的防护"). Every test that calls the local API goes through here.
 */
public final class CounterApi {

    public static final String TOKEN_HEADER = CounterGuard.TOKEN_HEADER;
    /** Per test application (each has its own random port and its own token). */
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private CounterApi() {
    }

    /** REST Assured's {@code given()} against the Quarkus test application, carrying its token. */
    public static RequestSpecification given() {
        return RestAssured.given().header(TOKEN_HEADER, token());
    }

    /** The Quarkus test application's token, read once from its session endpoint. */
    public static String token() {
        return TOKENS.computeIfAbsent(RestAssured.baseURI + ":" + RestAssured.port, app -> RestAssured.given()
                .get("/api/session").then().statusCode(200).header("Cache-Control", org.hamcrest.Matchers.containsString("no-store"))
                .extract().path("token"));
    }

    /**
     * The token of a counter running as its own process at {@code base} (e.g. http://127.0.0.1:8081). A restarted
     * counter has a new one: read it again after every start.
     */
    public static String token(HttpClient http, URI base) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/session")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET /api/session answered " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).path("token").asText();
    }

    /** A request to the counter process at {@code uri} with its {@code token}. */
    public static HttpRequest.Builder request(URI uri, String token) {
        return HttpRequest.newBuilder(uri).header(TOKEN_HEADER, token);
    }
}
