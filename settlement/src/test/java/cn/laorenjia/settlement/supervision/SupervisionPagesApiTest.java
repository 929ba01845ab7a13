package cn.laorenjia.settlement.supervision;

import cn.laorenjia.settlement.settling.SettlementFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.YearMonth;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.FINANCE;
import static cn.laorenjia.settlement.security.TestApi.SUPERVISOR;
import static cn.laorenjia.settlement.security.TestApi.as;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/**
 * The supervision pages over real HTTP and PostgreSQL: the roll-up 区 → 街镇 → canteen of a settled month, the
 * canteen's profile, each kept to the caller's area (a supervisor of 宝坻区, finance of 宝平街道), read by supervisors,
 * administrators and finance only, and never naming a senior.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupervisionPagesApiTest {

    static final YearMonth MONTH = SettlementFixture.monthsAgo(16);
    static final String BD = "/supervision/districts/宝坻区";

    SettlementFixture baoping;
    SettlementFixture haibin;
    String other;

    /** Once for the class, from the first test (the application is up then; it is not yet in a @BeforeAll). */
    @BeforeEach
    void settleAMonth() {
        if (baoping == null) {
            baoping = SupervisionFixture.settledCanteen("宝平街道", MONTH);
            haibin = SettlementFixture.newCanteen("海滨街道");
            other = SupervisionFixture.otherDistrictCanteen("南营门老人家食堂");
        }
    }

    @Test
    void aSupervisorDrillsDownFromTheDistrictsToACanteen() {
        as(SUPERVISOR).accept("text/html").get("/supervision?month=" + MONTH).then().statusCode(200)
                .body(containsString("data-area=\"宝坻区\"")).body(containsString("data-area=\"和平区\""))
                .body(containsString("href=\"/supervision/districts/%E5%AE%9D%E5%9D%BB%E5%8C%BA?month=" + MONTH + "\""))
                .body(containsString("<svg")).body(containsString("class=\"share\""));
        String subdistrictPage = as(SUPERVISOR).accept("text/html").get(BD + "?month=" + MONTH).then().statusCode(200)
                .body(containsString("data-area=\"宝坻区|宝平街道\""))
                .body(not(containsString("data-area=\"和平区\""))).extract().asString();
        // the 街镇's page: the canteen with its settled month (6 meals, 30.00 yuan, 1 of 7 sales manual, none offline)
        String row = rowOf(as(SUPERVISOR).accept("text/html")
                .get(BD + "/subdistricts/宝平街道?month=" + MONTH + "&sort=meals&dir=desc").then().statusCode(200)
                .extract().asString(), baoping.canteenCode);
        assertContainsAll(row, "<td class=\"num\">6</td>", "<td class=\"num\">30.00</td>",
                "<td class=\"num\">14.3%</td><td class=\"num\">0.0%</td>",
                "/supervision/canteens/" + baoping.canteenCode + "?month=" + MONTH);
        org.junit.jupiter.api.Assertions.assertTrue(subdistrictPage.contains("宝平街道"));

        // the profile: identity, the month, the mix, the comparison with its 街镇, its cases (none here)
        as(SUPERVISOR).accept("text/html").get("/supervision/canteens/" + baoping.canteenCode + "?month=" + MONTH)
                .then().statusCode(200)
                .body(containsString("id=\"total-meals\">6<")).body(containsString("id=\"total-owed\">30.00<"))
                .body(containsString("id=\"total-mix\">85.7% / 0.0% / 14.3%<"))
                .body(containsString("1 台在用（共 1 台）")).body(containsString("与宝平街道各食堂的中位数比较"))
                .body(containsString("id=\"no-cases\""))
                .body(containsString("data-key=\"3\" data-value=\"2\""))
                // seniors: neither their names nor masked forms nor ID numbers
                .body(not(containsString("王秀英"))).body(not(containsString("王*英"))).body(not(containsString("李建国")))
                .body(not(containsString("赵淑兰"))).body(not(containsString("孙玉兰")))
                .body(not(containsString("****"))).body(not(containsString("110101194")));
    }

    @Test
    void theCanteenTableSortsAndPagesWithinTheFilter() {
        String html = as(ADMIN).accept("text/html").get(BD + "?month=" + MONTH + "&sort=code&dir=asc&page=9999")
                .then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(html.contains("aria-sort=\"ascending\""), "sorted by code");
        org.junit.jupiter.api.Assertions.assertFalse(html.contains("data-canteen=\"" + other + "\""),
                "a 区's table holds only its canteens");
        // a page past the end shows the last page, which is not empty
        org.junit.jupiter.api.Assertions.assertTrue(html.contains("<tr data-canteen=\""), "the last page");
    }

    @Test
    void aSupervisorOfADistrictSeesOnlyThatDistrict() {
        as("test-supervisor-bd").accept("text/html").get("/supervision?month=" + MONTH).then().statusCode(200)
                .body(containsString("data-area=\"宝坻区\"")).body(not(containsString("data-area=\"和平区\"")))
                .body(not(containsString("南营门老人家食堂")));
        as("test-supervisor-bd").accept("text/html").get("/supervision/districts/和平区").then().statusCode(404);
        as("test-supervisor-bd").accept("text/html").get("/supervision/canteens/" + other).then().statusCode(404);
        as("test-supervisor-bd").accept("text/html").get("/supervision/canteens/" + baoping.canteenCode).then()
                .statusCode(200);
        as(SUPERVISOR).accept("text/html").get("/supervision/canteens/" + other).then().statusCode(200)
                .body(containsString("南营门老人家食堂"));
    }

    @Test
    void financeOfASubdistrictSeesOnlyItsCanteens() {
        as("test-finance-bp").accept("text/html").get(BD + "?month=" + MONTH).then().statusCode(200)
                .body(containsString("data-area=\"宝坻区|宝平街道\""))
                .body(not(containsString("data-area=\"宝坻区|海滨街道\"")))
                .body(not(containsString("data-canteen=\"" + haibin.canteenCode + "\"")));
        as("test-finance-bp").accept("text/html").get(BD + "/subdistricts/海滨街道").then().statusCode(404);
        as("test-finance-bp").accept("text/html").get("/supervision/canteens/" + haibin.canteenCode).then()
                .statusCode(404);
        as("test-finance-bp").accept("text/html").get("/supervision/canteens/" + baoping.canteenCode).then()
                .statusCode(200);
        as(FINANCE).accept("text/html").get("/supervision/canteens/" + haibin.canteenCode).then().statusCode(200);
    }

    @Test
    void aSupervisorLandsOnTheOverview() {
        as(SUPERVISOR).redirects().follow(false).get("/").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/supervision"));
    }

    @Test
    void otherRolesAreRefusedAndAnonymousBrowsersSentToSignIn() {
        as("test-clerk-hb").accept("text/html").get("/supervision").then().statusCode(403);
        as("test-clerk-hb").accept("text/html").get("/supervision/canteens/" + baoping.canteenCode).then()
                .statusCode(403);
        RestAssured.given().redirects().follow(false).accept("text/html").get("/supervision").then()
                .statusCode(302).header("Location", containsString("/signin"));
        RestAssured.given().get("/supervision/canteens/" + baoping.canteenCode).then().statusCode(401);
    }

    @Test
    void unknownOrOverlongAddressesAreNotFoundAndABadMonthFallsBack() {
        as(SUPERVISOR).accept("text/html").get("/supervision/canteens/NO-SUCH").then().statusCode(404)
                .body(containsString("未找到该食堂"));
        as(SUPERVISOR).accept("text/html").get("/supervision/districts/" + "区".repeat(40)).then().statusCode(404);
        as(SUPERVISOR).accept("text/html").get("/supervision?month=nonsense&page=abc&sort=drop").then()
                .statusCode(200).body(containsString("监管概览"));
    }

    private static String rowOf(String html, String code) {
        int at = html.indexOf("<tr data-canteen=\"" + code + "\"");
        org.junit.jupiter.api.Assertions.assertTrue(at >= 0, "the canteen's row on the page");
        return html.substring(at, html.indexOf("</tr>", at));
    }

    private static void assertContainsAll(String text, String... parts) {
        org.hamcrest.MatcherAssert.assertThat(text, allOf(java.util.Arrays.stream(parts)
                .map(p -> containsString(p)).toArray(org.hamcrest.Matcher[]::new)));
    }
}
