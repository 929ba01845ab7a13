package cn.laorenjia.settlement.fuzz;

import cn.laorenjia.settlement.testing.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The settlement service as a fuzz target over real HTTP and a real database: posts a body, reads what the
 * service answers, and compares the database before and after.
 *
 * <p>Everything it needs is kept in system properties, not in static fields: Quarkus loads the test class in
 * its own class loader, while Jazzer's fuzzing loop may call the method on the copy JUnit created, so the
 * only state both copies surely share is the JVM's. {@link #configure} runs inside the Quarkus test (where
 * the port and the datasource are known); {@link #ensureFixtures} then registers, once per JVM, a canteen
 * with a terminal, two seniors with cards, and one sale, all with fixed identifiers the seeds can name.
 */
final class ApiFuzzTarget {

    static final String CANTEEN = "FUZZ-01";
    static final String TERMINAL = CANTEEN + "-T1";
    /** Senior A: the terminal endpoints' senior, eligible (80+, local household, enrolled). */
    static final String SENIOR_A_ID = "110102194001010131";
    static final String SENIOR_A_CARD = "0422F0F0F0F001";
    /** Senior B: the register endpoints' senior, whose facts and cards the fuzzer may try to change. */
    static final String SENIOR_B_ID = "110102194202020248";
    static final String SENIOR_B_CARD = "0422F0F0F0F002";
    /** The sale made at set-up, which the void seeds refer to. */
    static final String SETUP_SALE_ID = "f0220000-0000-4000-8000-000000000001";

    /** Outside the "laorenjia" root: Quarkus refuses unknown properties under a mapped root in later test apps. */
    private static final String PREFIX = "fuzzing.laorenjia.";
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{2,63}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("test-admin:test-admin-password".getBytes(StandardCharsets.UTF_8));

    private static HttpClient http;
    private static Connection db;

    private ApiFuzzTarget() {
    }

    /** An answer: status, parsed JSON body (or null) and raw text. */
    record Answer(int status, String contentType, String text) {
        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                return null;
            }
        }
    }

    /**
     * Before the first request of a fuzz test: Jazzer's detectors exist only once its agent is installed, which
     * happens after {@code @BeforeEach}, so this runs from the test method.
     */
    static void beforeFirstRequest() {
        if (System.getProperty(PREFIX + "policy") == null) {
            allowLoopbackOnly();
            System.setProperty(PREFIX + "policy", "loopback");
        }
    }

    /** Called inside the Quarkus test, where the application's port and database are known. */
    static void configure(URI root, String jdbcUrl, String user, String password) {
        System.setProperty(PREFIX + "root", root.toString().replaceAll("/$", ""));
        System.setProperty(PREFIX + "jdbc.url", jdbcUrl);
        System.setProperty(PREFIX + "jdbc.user", user);
        System.setProperty(PREFIX + "jdbc.password", password == null ? "" : password);
    }

    /**
     * The instant of the set-up sale and of the seeds: the test clock's Monday lunch, the service's now, so that the
     * sale's seed replays the sale exactly (same body, same answer, nothing new recorded).
     */
    static String now() {
        synchronized (System.class) {
            String now = System.getProperty(PREFIX + "now");
            if (now == null) {
                now = TestClock.MONDAY_LUNCH.toOffsetDateTime().toString();
                System.setProperty(PREFIX + "now", now);
            }
            return now;
        }
    }

    static String saleBody(String saleId, String identificationJson, String set, String price, String at) {
        return "{\"saleId\":\"" + saleId + "\",\"occurredAt\":\"" + at + "\",\"identification\":" + identificationJson
                + ",\"mealSetCode\":\"" + set + "\",\"priceFen\":" + price + "}";
    }

    static String card(String kind, String identifier) {
        return "{\"method\":\"CARD\",\"cardKind\":\"" + kind + "\",\"identifier\":\"" + identifier + "\"}";
    }

    static String setupSaleBody() {
        return saleBody(SETUP_SALE_ID, card("UID", SENIOR_A_CARD), "L-STD", "1500", now());
    }

    /** Registers the fixtures once per JVM (and tolerates a database that has them from an earlier run). */
    static synchronized void ensureFixtures() {
        if (System.getProperty(PREFIX + "terminal") != null) {
            return;
        }
        String canteen = """
                {"code":"%s","name":"模糊测试老人家食堂","jurisdiction":"tianjin","district":"宝坻区","subdistrict":"海滨街道",
                 "address":"测试路9号","standardSetPriceFen":1500,
                 "menu":[{"code":"L-STD","name":"标准午餐套餐","slot":"LUNCH","priceFen":1500},
                         {"code":"L-SML","name":"小份午餐","slot":"LUNCH","priceFen":1050},
                         {"code":"D-STD","name":"标准晚餐套餐","slot":"DINNER","priceFen":1600}],
                 "terminals":[{"code":"%s","name":"模糊测试收银台"}]}""".formatted(CANTEEN, TERMINAL);
        Answer registered = send("POST", "/api/register/canteens", canteen, ADMIN);
        String authorization;
        if (registered.status() == 201) {
            authorization = registered.json().at("/terminalSecrets/0/authorization").asText();
        } else {
            assertEquals(409, registered.status(), registered.text());
            authorization = send("POST", "/api/register/terminals/" + TERMINAL + "/secret", "", ADMIN)
                    .json().get("authorization").asText();
        }
        System.setProperty(PREFIX + "terminal", authorization);
        senior(SENIOR_A_ID, "冯福寿", SENIOR_A_CARD, "1940-01-01");
        System.setProperty(PREFIX + "seniorB", Long.toString(senior(SENIOR_B_ID, "冯安康", SENIOR_B_CARD, "1942-02-02")));
        JsonNode b = send("GET", "/api/register/seniors/" + System.getProperty(PREFIX + "seniorB"), null, ADMIN).json();
        System.setProperty(PREFIX + "seniorB.fact", b.at("/facts/0/id").asText());
        System.setProperty(PREFIX + "seniorB.card", b.at("/cards/0/id").asText());
        Answer sale = send("POST", "/api/meals", setupSaleBody(), authorization);
        assertTrue(sale.status() == 200 || sale.status() == 409 || sale.status() == 422, sale.text());
    }

    private static long senior(String idNumber, String name, String card, String localSince) {
        String body = """
                {"idNumber":"%s","name":"%s","phone":"13800000000","district":"宝坻区","subdistrict":"海滨街道",
                 "facts":[{"kind":"LOCAL_HOUSEHOLD","from":"%s"},{"kind":"ENROLMENT","value":"APPROVED","from":"2024-03-01"}],
                 "cards":[{"kind":"UID","identifier":"%s","issuedOn":"2024-03-01"}]}""".formatted(idNumber, name, localSince, card);
        Answer created = send("POST", "/api/register/seniors", body, ADMIN);
        if (created.status() == 201) {
            return created.json().get("id").asLong();
        }
        assertEquals(409, created.status(), created.text());
        return send("GET", "/api/register/seniors?q=" + idNumber, null, ADMIN).json().at("/items/0/id").asLong();
    }

    static String terminal() {
        return System.getProperty(PREFIX + "terminal");
    }

    static String admin() {
        return ADMIN;
    }

    static String seniorB() {
        return System.getProperty(PREFIX + "seniorB");
    }

    static String seniorBFact() {
        return System.getProperty(PREFIX + "seniorB.fact");
    }

    static String seniorBCard() {
        return System.getProperty(PREFIX + "seniorB.card");
    }

    /** A fuzzed path segment, percent-encoded so that it stays one segment whatever it holds. */
    static String segment(String raw) {
        return URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static Answer send(String method, String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(System.getProperty(PREFIX + "root") + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                // the proof a person's change needs (web.BrowserDefences): the fuzzing is about what comes after it
                .header("X-Requested-By", "laorenjia");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = client().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new AssertionError("no answer from the service: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * A refusal in the one error shape: a 4xx (never a 5xx), JSON with a stable UPPER_SNAKE code and a
     * Chinese message for the person at the screen.
     */
    static JsonNode assertRefusal(Answer answer, String request) {
        assertTrue(answer.status() >= 400 && answer.status() < 500,
                "expected a 4xx, got " + answer.status() + " " + answer.text() + " for " + abbreviate(request));
        assertTrue(answer.contentType().startsWith("application/json"), "content type " + answer.contentType());
        JsonNode error = answer.json();
        assertNotNull(error, "not JSON: " + answer.text());
        String code = error.path("code").asText("");
        String message = error.path("message").asText("");
        assertTrue(CODE.matcher(code).matches(), "no stable code in " + answer.text());
        assertTrue(message.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                "no Chinese message in " + answer.text());
        return error;
    }

    /** What a terminal request may change: the ledger, the quota counters and the used phone codes. */
    static List<Long> ledgerState() {
        return numbers("""
                select (select count(*) from meal_entry), (select coalesce(sum(used), 0) from quota_day),
                       (select coalesce(sum(used), 0) from quota_week), (select count(*) from qr_phone_code_use)""");
    }

    /** Whether the ledger holds an entry with this id (to check that a new row is the one the answer names). */
    static boolean ledgerHas(String entryId) {
        try (PreparedStatement s = connection().prepareStatement("select count(*) from meal_entry where entry_id::text = ?")) {
            s.setString(1, entryId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The register's size, and senior B's rows in full. */
    static String registerState() {
        String b = seniorB();
        List<Long> counts = numbers("""
                select (select count(*) from senior), (select count(*) from senior_fact), (select count(*) from card),
                       (select count(*) from canteen), (select count(*) from terminal), (select count(*) from meal_set)""");
        return counts + " " + text("select concat((select s::text from senior s where id = " + b + "), '|',"
                + " (select string_agg(f::text, ',' order by f.id) from senior_fact f where senior_id = " + b + "), '|',"
                + " (select string_agg(c::text, ',' order by c.id) from card c where senior_id = " + b + "))");
    }

    private static List<Long> numbers(String sql) {
        try (PreparedStatement s = connection().prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            Long[] values = new Long[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = rs.getLong(i + 1);
            }
            return List.of(values);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(String sql) {
        try (PreparedStatement s = connection().prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String abbreviate(String s) {
        return s == null || s.length() <= 300 ? String.valueOf(s) : s.substring(0, 300) + "…(" + s.length() + " chars)";
    }

    private static synchronized HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        }
        return http;
    }

    private static synchronized Connection connection() throws SQLException {
        if (db == null || db.isClosed()) {
            db = DriverManager.getConnection(System.getProperty(PREFIX + "jdbc.url"),
                    System.getProperty(PREFIX + "jdbc.user"), System.getProperty(PREFIX + "jdbc.password"));
            db.setAutoCommit(true);
        }
        return db;
    }

    /**
     * Jazzer's SSRF detector refuses every connection unless told otherwise: allow this machine only. The
     * detector's policy lives in the jazzer-api classes of the system class loader (Quarkus gives the test its
     * own copy of jazzer-api, whose setting the detector would not see), hence the reflection.
     */
    private static void allowLoopbackOnly() {
        BiPredicate<String, Integer> loopback = (host, port) -> {
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        };
        try {
            Class.forName("com.code_intelligence.jazzer.api.BugDetectors", true, ClassLoader.getSystemClassLoader())
                    .getMethod("allowNetworkConnections", BiPredicate.class).invoke(null, loopback);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot set Jazzer's network policy", e);
        }
    }
}
