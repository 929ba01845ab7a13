package cn.laorenjia.settlement.security;

import cn.laorenjia.core.senior.IdNumber;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;

/**
 * Helpers for REST tests: signed-in requests as the test profile's accounts, and a way to get a terminal
 * and its secret through the administrators' API (no secret is ever committed).
 */
public final class TestApi {

    public static final String ADMIN = "test-admin";
    public static final String FINANCE = "test-finance";
    public static final String SUPERVISOR = "test-supervisor";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TestApi() {
    }

    public static RequestSpecification as(String username) {
        return given().auth().preemptive().basic(username, username + "-password").contentType(ContentType.JSON);
    }

    public static RequestSpecification asTerminal(String authorization) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON);
    }

    /** A unique code for this JVM run, since tests share one database. */
    public static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase()
                + SEQUENCE.incrementAndGet();
    }

    /** A valid ID number from a region the sample data does not use, so it never collides with it. */
    public static String newIdNumber(boolean male) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        LocalDate birth = LocalDate.of(1935, 1, 1).plusDays(r.nextInt(365 * 15));
        int sequence = r.nextInt(500) * 2 + (male ? 1 : 0);
        String first17 = "110101" + birth.toString().replace("-", "") + String.format("%03d", sequence);
        return first17 + IdNumber.checkDigit(first17);
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
