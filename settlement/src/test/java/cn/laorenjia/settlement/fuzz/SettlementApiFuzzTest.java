package cn.laorenjia.settlement.fuzz;

import cn.laorenjia.settlement.fuzz.ApiFuzzTarget.Answer;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.InRange;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static cn.laorenjia.settlement.fuzz.ApiFuzzTarget.CANTEEN;
import static cn.laorenjia.settlement.fuzz.ApiFuzzTarget.SENIOR_A_CARD;
import static cn.laorenjia.settlement.fuzz.ApiFuzzTarget.SENIOR_A_ID;
import static cn.laorenjia.settlement.fuzz.ApiFuzzTarget.SENIOR_B_CARD;
import static cn.laorenjia.settlement.fuzz.ApiFuzzTarget.SETUP_SALE_ID;
import static cn.laorenjia.settlement.fuzz.ApiFuzzTarget.card;
import static cn.laorenjia.settlement.fuzz.ApiFuzzTarget.saleBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the settlement service's JSON endpoints over HTTP, in the same JVM as the application the
 * {@code @QuarkusTest} started (so Jazzer sees the service's code coverage), on the embedded PostgreSQL.
 * Property of every request: the answer is a success the request deserves, or a 4xx in the error shape
 * ({@code code} + Chinese {@code message}) that changed nothing: no 5xx, no ledger row, no quota, no
 * register change. How this works with Quarkus and what was found: src/FUZZING.md.
 *
 * <p>{@link JazzerOutermost} must stay declared before {@code @QuarkusTest}.
 */
@ExtendWith(JazzerOutermost.class)
@QuarkusTest
class SettlementApiFuzzTest {

    static {
        // When a fuzz test starts, Quarkus has already loaded the application, so Jazzer's agent re-instruments
        // every loaded class matching jazzer.instrument, scanning the whole class path once per class: ~190 s
        // for the ~1,500 project classes on a loaded two-core machine. A regression run needs no coverage, so it
        // instruments only these tests; `bash .ci/fuzz` passes -Djazzer.instrument=cn.laorenjia.** to fuzz with
        // the service's coverage. (A junit-platform.properties would shadow Quarkus's own, so not there.)
        if (System.getProperty("jazzer.instrument") == null) {
            System.setProperty("jazzer.instrument", "cn.laorenjia.settlement.fuzz.**");
        }
    }

    @BeforeEach
    void knowTheService() {
        var config = ConfigProvider.getConfig();
        ApiFuzzTarget.configure(URI.create(RestAssured.baseURI + ":" + RestAssured.port),
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse(""),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
        ApiFuzzTarget.ensureFixtures();
    }

    static Stream<Arguments> terminalSeeds() {
        String now = ApiFuzzTarget.now();
        String sale = UUID.nameUUIDFromBytes("fuzz-seed-sale".getBytes()).toString();
        String cardA = card("UID", SENIOR_A_CARD);
        String manualA = "{\"method\":\"MANUAL\",\"idNumber\":\"" + SENIOR_A_ID + "\",\"reason\":\"CARD_FORGOTTEN\"}";
        String voidBody = "{\"voidId\":\"" + UUID.nameUUIDFromBytes("fuzz-seed-void".getBytes()) + "\",\"occurredAt\":\""
                + now + "\",\"reason\":\"选错套餐\"}";
        return Stream.of(
                // authorise: the set-up sale again (answered from the ledger), then refusals of every kind
                Arguments.of(0, "", ApiFuzzTarget.setupSaleBody()),
                Arguments.of(0, "", saleBody(sale, cardA, "L-STD", "1300", now)),
                Arguments.of(0, "", saleBody(sale, cardA, "L-SML", "1050", now)),
                Arguments.of(0, "", saleBody(sale, manualA, "L-STD", "1500", now)),
                Arguments.of(0, "", saleBody(sale, card("UID", "x'; DROP TABLE meal_entry;--"), "L-STD", "1500", now)),
                Arguments.of(0, "", saleBody(sale, "{\"method\":\"QR\",\"token\":\"LRJ:0000\"}", "L-STD", "1500", now)),
                Arguments.of(0, "", saleBody(sale, cardA, "L-STD", "-1500", now)),
                Arguments.of(0, "", saleBody(sale, cardA, "L-STD", "9223372036854775807", now)),
                Arguments.of(0, "", saleBody(sale, cardA, "L-STD", "15.5", now)),
                Arguments.of(0, "", saleBody(sale, cardA, "L-STD", "1500", "0001-01-01T00:00:00Z")),
                Arguments.of(0, "", saleBody(sale, cardA, "L-STD", "1500", "9999-12-31T23:59:59+08:00")),
                Arguments.of(0, "", saleBody("not-a-uuid", cardA, "L-STD", "1500", now)),
                Arguments.of(0, "", saleBody(sale, card("NFC", SENIOR_A_CARD), "L-STD", "1500", now)),
                Arguments.of(0, "", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"),
                Arguments.of(0, "", "{\"saleId\":null}"),
                Arguments.of(0, "", ""),
                // void: the set-up sale, other ids
                Arguments.of(1, "", voidBody),
                Arguments.of(1, SETUP_SALE_ID, "{\"voidId\":\"" + SETUP_SALE_ID + "\",\"occurredAt\":\"" + now + "\"}"),
                Arguments.of(1, "1 OR 1=1", voidBody),
                Arguments.of(1, UUID.nameUUIDFromBytes("no-such-sale".getBytes()).toString(), voidBody),
                // preview
                Arguments.of(2, "", "{\"identification\":" + cardA + ",\"mealSetCode\":\"L-STD\"}"),
                Arguments.of(2, "", "{\"identification\":" + manualA + ",\"mealSetCode\":\"D-STD\"}"),
                Arguments.of(2, "", "{\"identification\":" + card("SOCIAL_SECURITY", "' OR ''='") + ",\"mealSetCode\":\"L-STD\"}"),
                Arguments.of(2, "", "{\"identification\":{\"method\":\"MANUAL\",\"idNumber\":\"120224193804121224\",\"reason\":\"OTHER\"}}"));
    }

    /** POST /api/meals, POST /api/meals/{saleId}/void and POST /api/counter/preview, as the fuzz canteen's terminal. */
    @MethodSource("terminalSeeds")
    @DictionaryEntries({"\"saleId\"", "\"occurredAt\"", "\"identification\"", "\"method\"", "\"cardKind\"",
            "\"identifier\"", "\"idNumber\"", "\"reason\"", "\"token\"", "\"mealSetCode\"", "\"priceFen\"", "\"voidId\"",
            "\"CARD\"", "\"QR\"", "\"MANUAL\"", "\"UID\"", "\"SOCIAL_SECURITY\"", "\"PRINTED_QR\"", "\"CARD_FORGOTTEN\"",
            "\"L-STD\"", "\"D-STD\"", "\"0422F0F0F0F001\"", "\"110102194001010131\"", "LRJ:", "null", "true",
            "-0", "1e999", "\\u0000", "\\ud800", "+08:00", "Z", "T12:00:00"})
    @FuzzTest(maxDuration = "5m")
    void terminalEndpoints(@InRange(min = 0, max = 2) int endpoint, @NotNull String path, @NotNull String body) {
        ApiFuzzTarget.beforeFirstRequest();
        List<Long> before = ApiFuzzTarget.ledgerState();
        String target = switch (endpoint) {
            case 0 -> "/api/meals";
            case 1 -> "/api/meals/" + (path.isEmpty() ? SETUP_SALE_ID : ApiFuzzTarget.segment(path)) + "/void";
            default -> "/api/counter/preview";
        };
        Answer answer = ApiFuzzTarget.send("POST", target, body, ApiFuzzTarget.terminal());
        List<Long> after = ApiFuzzTarget.ledgerState();
        String request = target + " " + ApiFuzzTarget.abbreviate(body);
        if (answer.status() == 200) {
            JsonNode json = answer.json();
            if (endpoint == 2) {
                assertEquals(before, after, "a preview recorded something: " + request);
                return;
            }
            // a request valid in every respect: recorded once, or a retry answered from the ledger
            long added = after.get(0) - before.get(0);
            assertTrue(added == 0 || added == 1, added + " rows for " + request);
            String id = json.path(endpoint == 0 ? "saleId" : "voidId").asText();
            assertTrue(ApiFuzzTarget.ledgerHas(id), "answered " + id + " but the ledger has no such entry: " + request);
            return;
        }
        ApiFuzzTarget.assertRefusal(answer, request);
        assertEquals(before, after, "a refused request changed the ledger or the quota: " + request + " -> " + answer.text());
    }

    static Stream<Arguments> registerSeeds() {
        String senior = """
                {"idNumber":"%s","name":"%s","phone":"13800000000","district":"宝坻区","subdistrict":"海滨街道",
                 "facts":[{"kind":"LOCAL_HOUSEHOLD","from":"1948-05-12"},{"kind":"ENROLMENT","value":"APPROVED","from":"2024-03-01"}],
                 "cards":[{"kind":"UID","identifier":"%s","issuedOn":"2024-03-01"}]}""";
        String canteen = """
                {"code":"%s","name":"海滨街道示范老人家食堂","jurisdiction":"tianjin","district":"宝坻区","subdistrict":"海滨街道",
                 "address":"海滨街道建设路1号","standardSetPriceFen":%s,
                 "menu":[{"code":"L-STD","name":"标准午餐套餐","slot":"LUNCH","priceFen":%s}],"terminals":[]}""";
        return Stream.of(
                Arguments.of(0, "", senior.formatted("110102194805120014", "Robert'); DROP TABLE senior;--", "0422F0F0F0F0A1")),
                Arguments.of(0, "", senior.formatted("110102194805120013", "张建华", SENIOR_B_CARD)),
                Arguments.of(0, "", senior.formatted("110102194805120014", "张" + "长".repeat(60), "0422F0F0F0F0A2")),
                Arguments.of(0, "", "{\"idNumber\":[1,2]}"),
                Arguments.of(1, "", canteen.formatted("FUZZ-02", "9223372036854775807", "1500")),
                Arguments.of(1, "", canteen.formatted("FUZZ-03", "1500", "-1")),
                Arguments.of(1, "", canteen.formatted("FUZZ-04", "12.5", "1500")),
                Arguments.of(1, "", canteen.formatted("FUZZ-05'--", "1500", "1e3")),
                Arguments.of(2, "", "{\"code\":\"" + CANTEEN + "-T1\",\"name\":\"重复的收银台\"}"),
                Arguments.of(2, "NO-SUCH-CANTEEN", "{\"code\":\"X-T1\",\"name\":\"收银台\"}"),
                Arguments.of(3, "", "{\"kind\":\"DEATH\",\"from\":\"0001-01-01\"}"),
                Arguments.of(3, "", "{\"kind\":\"LOW_INCOME_STATUS\",\"value\":\"BILLIONAIRE\",\"from\":\"2024-01-01\"}"),
                Arguments.of(3, "", "{\"kind\":\"LOCAL_HOUSEHOLD\",\"from\":\"2024-02-30\"}"),
                Arguments.of(3, "-1", "{\"kind\":\"LOCAL_HOUSEHOLD\",\"from\":\"2024-01-01\"}"),
                Arguments.of(4, "", "{\"endOn\":\"1900-01-01\"}"),
                Arguments.of(4, "9223372036854775807", "{\"endOn\":\"2030-01-01\"}"),
                Arguments.of(5, "", "{\"state\":\"DROP TABLE\",\"from\":\"2024-01-01\"}"),
                Arguments.of(5, "", "{\"state\":\"APPROVED\",\"from\":\"+999999999-12-31\"}"),
                Arguments.of(6, "", "{\"kind\":\"UID\",\"identifier\":\"" + SENIOR_B_CARD + "\"}"),
                Arguments.of(6, "", "{\"kind\":\"MAGSTRIPE\",\"identifier\":\"x\"}"),
                Arguments.of(7, "", "{\"status\":\"STOLEN\"}"),
                Arguments.of(7, "abc", "{\"status\":\"LOST\"}"));
    }

    /** The register's write endpoints, as an administrator, around the fuzz senior B and canteen. */
    @MethodSource("registerSeeds")
    @DictionaryEntries({"\"idNumber\"", "\"name\"", "\"phone\"", "\"district\"", "\"subdistrict\"", "\"facts\"",
            "\"cards\"", "\"kind\"", "\"value\"", "\"from\"", "\"to\"", "\"identifier\"", "\"issuedOn\"", "\"endOn\"",
            "\"state\"", "\"status\"", "\"on\"", "\"code\"", "\"jurisdiction\"", "\"address\"", "\"standardSetPriceFen\"",
            "\"menu\"", "\"slot\"", "\"priceFen\"", "\"terminals\"", "\"LOCAL_HOUSEHOLD\"", "\"ENROLMENT\"", "\"DEATH\"",
            "\"APPROVED\"", "\"SUSPENDED\"", "\"LUNCH\"", "\"REVOKED\"", "\"LOST\"", "\"tianjin\"", "null", "-0", "1e999",
            "\\u0000", "\\ud800", "-02-29", "9999-12-31"})
    @FuzzTest(maxDuration = "5m")
    void registerWrites(@InRange(min = 0, max = 7) int endpoint, @NotNull String path, @NotNull String body) {
        ApiFuzzTarget.beforeFirstRequest();
        String b = ApiFuzzTarget.seniorB();
        String id = path.isEmpty() ? b : ApiFuzzTarget.segment(path);
        String target = switch (endpoint) {
            case 0 -> "/api/register/seniors";
            case 1 -> "/api/register/canteens";
            case 2 -> "/api/register/canteens/" + (path.isEmpty() ? CANTEEN : ApiFuzzTarget.segment(path)) + "/terminals";
            case 3 -> "/api/register/seniors/" + id + "/facts";
            case 4 -> "/api/register/seniors/" + b + "/facts/"
                    + (path.isEmpty() ? ApiFuzzTarget.seniorBFact() : ApiFuzzTarget.segment(path)) + "/end";
            case 5 -> "/api/register/seniors/" + id + "/enrolment";
            case 6 -> "/api/register/seniors/" + id + "/cards";
            default -> "/api/register/seniors/" + b + "/cards/"
                    + (path.isEmpty() ? ApiFuzzTarget.seniorBCard() : ApiFuzzTarget.segment(path)) + "/revoke";
        };
        String before = ApiFuzzTarget.registerState();
        Answer answer = ApiFuzzTarget.send("POST", target, body, ApiFuzzTarget.admin());
        if (answer.status() == 200 || answer.status() == 201) {
            return; // a valid write
        }
        String request = target + " " + ApiFuzzTarget.abbreviate(body);
        ApiFuzzTarget.assertRefusal(answer, request);
        assertEquals(before, ApiFuzzTarget.registerState(), "a refused request changed the register: " + request
                + " -> " + answer.text());
    }
}
