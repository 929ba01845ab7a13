package cn.laorenjia.settlement.security;

import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.settlement.web.BrowserDefences;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static io.restassured.RestAssured.given;

/**
 * Helpers for REST tests: signed-in requests as the test profile's accounts, and a way to get a terminal
 * and its secret through the administrators' API (no secret is ever committed).
 */
public final class TestApi {

    public static final String ADMIN = "test-admin";
    public static final String FINANCE = "test-finance";
    public static final String SUPERVISOR = "test-supervisor";

    private TestApi() {
    }

    /**
     * A person's request with HTTP Basic, and the header that proves it is no cross-site request (every change a
     * person makes must carry it: web.BrowserDefences).
     */
    public static RequestSpecification as(String username) {
        return given().auth().preemptive().basic(username, username + "-password").contentType(ContentType.JSON)
                .header(BrowserDefences.PROOF_HEADER, BrowserDefences.PROOF_VALUE);
    }

    public static RequestSpecification asTerminal(String authorization) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON);
    }

    /** A unique code for this JVM run, since tests share one database. */
    public static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase()
                + next("codes");
    }

    /**
     * The next number of a sequence that runs over the whole JVM run. A static counter would not: Quarkus loads the test
     * classes again when a test with another profile restarts the application, and the counter would start again at 0
     * while the database (CI's real server) keeps the seniors and cards registered before. The system properties are
     * one per JVM.
     */
    private static int next(String sequence) {
        Properties properties = System.getProperties();
        String key = "cn.laorenjia.settlement.test-sequence." + sequence; // outside the config roots (laorenjia.*)
        synchronized (properties) {
            int n = Integer.parseInt(properties.getProperty(key, "0"));
            properties.setProperty(key, Integer.toString(n + 1));
            return n;
        }
    }

    /**
     * A card UID of the form the register accepts (7 bytes, 14 hex digits), never the same twice in a test run: NXP's
     * 04, then 7E57 ("test"), which the sample register's random UIDs practically never start with, then a sequence.
     */
    public static String newUid() {
        return "047E57" + String.format("%08X", next("cards"));
    }

    /** A printed QR card's identifier ("TSQR" and 12 Crockford base-32 characters), never the same twice in a run. */
    public static String newPrintedQrId() {
        return "TSQR" + String.format("%012d", next("cards"));
    }

    /** A valid ID number of someone born between 1935 and 1949, from a region the sample data does not use. */
    public static String newIdNumber(boolean male) {
        return idNumber(1935 + next("birth-years") % 15, male);
    }

    /**
     * A valid ID number of someone born in that year, from a region (东城区) the sample data does not use; never the
     * same twice in a test run (one shared sequence: 12 months × 28 days × 500 sequence numbers per sex and year).
     */
    public static String idNumber(int birthYear, boolean male) {
        int n = next("id-numbers"); // random ones did collide (CI, issues 13 and 14)
        String first17 = "110101" + birthYear + String.format("%02d%02d", 1 + n % 12, 1 + n / 12 % 28)
                + String.format("%03d", (n / (12 * 28) % 500) * 2 + (male ? 1 : 0));
        return first17 + IdNumber.checkDigit(first17);
    }

    /**
     * An enrolled senior of 宝坻区 (local household since 1990, enrolment approved 2024-03-01, born in 1940: 80 and over
     * on any day a test may run) with a fresh UID card, registered through the API; answers the card's UID.
     */
    public static String registerSenior(String name, String district) {
        return registerSenior(name, district, "海滨街道");
    }

    /** As {@link #registerSenior(String, String)}, in that 街镇 (which must be on the district's list). */
    public static String registerSenior(String name, String district, String subdistrict) {
        String uid = newUid();
        as(ADMIN).body(Map.of("idNumber", idNumber(1940, true), "name", name, "phone", "13812345678",
                        "district", district, "subdistrict", subdistrict,
                        "facts", List.of(Map.of("kind", "LOCAL_HOUSEHOLD", "from", "1990-01-01"),
                                Map.of("kind", "ENROLMENT", "value", "APPROVED", "from", "2024-03-01")),
                        "cards", List.of(Map.of("kind", "UID", "identifier", uid, "issuedOn", "2024-03-01"))))
                .post("/api/register/seniors").then().statusCode(201);
        return uid;
    }

    /**
     * Puts a 街镇 on a district's list through the administrators' API, unless it is there already (the sample list
     * holds 宝坻区's; a test of another district adds its own).
     */
    public static void ensureSubdistrict(String district, String name, String shortCode) {
        int status = as(ADMIN).body(Map.of("district", district, "name", name, "shortCode", shortCode))
                .post("/api/register/subdistricts").then().extract().statusCode();
        if (status != 201 && status != 409) {
            throw new AssertionError("could not add the 街镇 " + name + ": " + status);
        }
    }

    /** A canteen registered through the API with one terminal; answers the registration JSON. */
    public static JsonPath registerCanteen(String subdistrict) {
        String code = unique("TST");
        return as(ADMIN).body(Map.of(
                        "code", code, "name", "测试老人家食堂", "jurisdiction", "tianjin", "district", "宝坻区",
                        "subdistrict", subdistrict, "address", "测试路1号", "standardSetPriceFen", 1500,
                        "menu", List.of(
                                Map.of("code", "L-STD", "name", "标准午餐套餐", "slot", "LUNCH", "priceFen", 1500),
                                Map.of("code", "L-SML", "name", "小份午餐", "slot", "LUNCH", "priceFen", 1050)),
                        "terminals", List.of(Map.of("code", code + "-T1", "name", "1号收银台"))))
                .post("/api/register/canteens").then().statusCode(201).extract().jsonPath();
    }
}
