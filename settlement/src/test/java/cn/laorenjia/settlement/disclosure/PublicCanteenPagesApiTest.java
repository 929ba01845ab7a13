package cn.laorenjia.settlement.disclosure;

import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.supervision.SupervisionFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.SUPERVISOR;
import static cn.laorenjia.settlement.security.TestApi.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 信息公开 over real HTTP and PostgreSQL: an administrator sets a canteen's opening hours and telephone and a 街镇's
 * contact (validated, audited); anyone, signed in or not, then reads them with the menu and prices on the public
 * page, filtered and paged, cacheable, with nothing about seniors or money.
 */
@QuarkusTest
class PublicCanteenPagesApiTest {

    private static final Pattern ID_NUMBER = Pattern.compile("[1-9][0-9]{16}[0-9Xx]");

    static String canteen(String name) {
        return SupervisionFixture.publicCanteen(name);
    }

    @Test
    void anAdministratorSetsWhatThePublicReadsAndAnyoneReadsItWithoutSigningIn() {
        String name = "公开测试" + TestApi.unique("食堂");
        String code = canteen(name);
        String senior = "钱玉珍";
        TestApi.registerSenior(senior, "宝坻区", "宝平街道");

        as(ADMIN).body(Map.of("openingHours", "周一至周六 11:00-13:00", "publicPhone", "022-29241234"))
                .put("/api/register/canteens/" + code + "/public-contact").then().statusCode(200)
                .body("openingHours", equalTo("周一至周六 11:00-13:00")).body("publicPhone", equalTo("022-29241234"));
        as(ADMIN).queryParam("subject", "canteen:" + code).queryParam("action", "CANTEEN_PUBLIC_CONTACT_CHANGED")
                .get("/api/audit").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].details.after.publicPhone", equalTo("022-29241234"));
        int subdistrictId = as(ADMIN).queryParam("district", "宝坻区").get("/api/register/subdistricts").then()
                .statusCode(200).extract().path("find { it.name == '宝平街道' }.id");
        as(ADMIN).body(Map.of("contactPhone", "022-29240000"))
                .put("/api/register/subdistricts/" + subdistrictId + "/contact-phone").then().statusCode(200)
                .body("contactPhone", equalTo("022-29240000"));
        as(ADMIN).queryParam("subject", "subdistrict:" + subdistrictId).get("/api/audit").then().statusCode(200)
                .body("items.action", hasItem("SUBDISTRICT_CONTACT_CHANGED"));

        String html = RestAssured.given().accept("text/html").get("/public/canteens?q=" + name).then().statusCode(200)
                .header("Cache-Control", containsString("public")).header("Cache-Control", containsString("max-age="))
                .body(containsString("data-canteen=\"" + code + "\"")).body(containsString("周一至周六 11:00-13:00"))
                .body(containsString("022-29241234")).body(containsString("022-29240000"))
                .body(containsString("营养早餐")).body(containsString("6.50")).body(containsString("15.00 元"))
                .body(containsString("宝平街道南关大街8号")).body(containsString("共 <strong>1</strong> 家食堂"))
                .extract().asString();
        // nothing personal, nothing about money owed or meals served
        assertFalse(html.contains(senior), "no senior's name");
        assertFalse(html.contains("13812345678"), "no senior's phone");
        assertFalse(ID_NUMBER.matcher(html).find(), "no ID number");
        for (String word : List.of("应付", "补贴餐次", "老人姓名", "身份证")) {
            assertFalse(html.contains(word), "nothing about " + word);
        }

        // the same for a signed-in person (the page does not vary by who asks)
        as(SUPERVISOR).accept("text/html").get("/public/canteens?q=" + name).then().statusCode(200)
                .body(containsString("data-canteen=\"" + code + "\""));
    }

    @Test
    void thePublicContactIsValidatedAndOnlyAnAdministratorSetsIt() {
        String code = canteen("校验测试" + TestApi.unique("食堂"));
        as(ADMIN).body(Map.of("openingHours", "全天", "publicPhone", "电话:abc"))
                .put("/api/register/canteens/" + code + "/public-contact").then().statusCode(400)
                .body("code", equalTo("INVALID_PHONE_NUMBER"));
        as(ADMIN).body(Map.of("openingHours", "长".repeat(61), "publicPhone", ""))
                .put("/api/register/canteens/" + code + "/public-contact").then().statusCode(400);
        as(SUPERVISOR).body(Map.of("openingHours", "全天", "publicPhone", "12345"))
                .put("/api/register/canteens/" + code + "/public-contact").then().statusCode(403);
        RestAssured.given().contentType("application/json").body(Map.of("openingHours", "全天"))
                .put("/api/register/canteens/" + code + "/public-contact").then().statusCode(401);
        // blank clears
        as(ADMIN).body(Map.of("openingHours", "全天", "publicPhone", "12345"))
                .put("/api/register/canteens/" + code + "/public-contact").then().statusCode(200);
        as(ADMIN).body(Map.of("openingHours", " ", "publicPhone", ""))
                .put("/api/register/canteens/" + code + "/public-contact").then().statusCode(200)
                .body("openingHours", equalTo(null)).body("publicPhone", equalTo(null));
    }

    @Test
    void theListIsFilteredPagedAndBoundedWhateverItIsAsked() {
        String name = "筛选测试" + TestApi.unique("食堂");
        String code = canteen(name);
        RestAssured.given().get("/public/canteens?area=宝坻区|宝平街道&q=" + name).then().statusCode(200)
                .body(containsString("data-canteen=\"" + code + "\""));
        RestAssured.given().get("/public/canteens?area=宝坻区|海滨街道&q=" + name).then().statusCode(200)
                .body(not(containsString("data-canteen=\"" + code + "\""))).body(containsString("id=\"empty\""));
        // an area not on the list narrows nothing; an overlong search is cut; nonsense pages show a page
        RestAssured.given().get("/public/canteens?area=" + "x".repeat(200) + "&q=" + name).then().statusCode(200)
                .body(containsString("data-canteen=\"" + code + "\""));
        RestAssured.given().get("/public/canteens?q=" + "食".repeat(100)).then().statusCode(200)
                .body(containsString("共 <strong>0</strong> 家食堂"));
        String last = RestAssured.given().get("/public/canteens?page=999999").then().statusCode(200).extract().asString();
        assertTrue(last.contains("class=\"canteen\""), "a page past the end shows the last one");
        RestAssured.given().get("/public/canteens?page=-3").then().statusCode(200);
        RestAssured.given().get("/public/assets/public.css").then().statusCode(200)
                .header("Cache-Control", containsString("public"));
        // the sign-in page leads to it
        RestAssured.given().get("/signin").then().statusCode(200).body(containsString("href=\"/public/canteens\""));
        // and the canteen register page sets it
        as(ADMIN).accept("text/html").get("/register/canteens/" + code).then().statusCode(200)
                .body(containsString("id=\"public-contact\""));
    }
}
