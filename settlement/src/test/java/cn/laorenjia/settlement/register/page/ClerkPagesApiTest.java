package cn.laorenjia.settlement.register.page;

import cn.laorenjia.settlement.security.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * The register's pages for a 街道 clerk, over real HTTP: the landing, what the navigation offers, the pages that stay
 * the administrators', and the applications' pages kept to the clerk's own 街镇 by the service.
 */
@QuarkusTest
class ClerkPagesApiTest {

    private static final String CLERK_HB = "test-clerk-hb";
    private static final String CLERK_BP = "test-clerk-bp";

    private static Map<String, String> application(String idNumber, String place) {
        return Map.of("submissionId", UUID.randomUUID().toString(), "idNumber", idNumber, "name", "周桂芳",
                "place", place, "route", "AGE_80_LOCAL", "evidence-1", "1");
    }

    @Test
    void aClerkLandsOnTheRegisterAndSeesOnlyTheSectionsOfAClerk() {
        as(CLERK_HB).redirects().follow(false).get("/").then().statusCode(303)
                .header("Location", endsWith("/register"));
        as(CLERK_HB).accept("text/html").get("/register/seniors").then().statusCode(200)
                .body(containsString("申请审核")).body(not(containsString("食堂与终端")))
                .body(not(containsString("批量导入"))).body(not(containsString("全部街镇")));
        as(ADMIN).accept("text/html").get("/register/seniors").then().statusCode(200)
                .body(containsString("食堂与终端")).body(containsString("批量导入"));
        as(CLERK_HB).accept("text/html").get("/register/canteens").then().statusCode(403);
        as(CLERK_HB).accept("text/html").get("/register/imports").then().statusCode(403);
        as(ADMIN).accept("text/html").get("/register/imports").then().statusCode(200)
                .body(containsString("import-form"));
    }

    @Test
    void aClerksApplicationPagesAreKeptToTheirOwnSubdistrict() {
        // another 街镇's application: not in the list, not found
        String path = as(CLERK_BP).contentType("application/json")
                .body(application(TestApi.idNumber(1941, false), "宝坻区|宝平街道")).post("/register/applications")
                .then().statusCode(200).extract().path("redirect");
        String id = path.replaceAll(".*/applications/(\\d+).*", "$1");
        as(CLERK_HB).accept("text/html").get("/register/applications/" + id).then().statusCode(404)
                .body(containsString("未找到"));
        as(CLERK_HB).accept("text/html").get("/register/applications").then().statusCode(200)
                .body(not(containsString("data-application=\"" + id + "\"")));
        as(CLERK_BP).accept("text/html").get("/register/applications").then().statusCode(200)
                .body(containsString("data-application=\"" + id + "\""));
        // nor may a clerk apply for another 街镇's senior through the form
        as(CLERK_HB).contentType("application/json").body(application(TestApi.idNumber(1941, true), "宝坻区|宝平街道"))
                .post("/register/applications").then().statusCode(403).body("code", equalTo("OUTSIDE_SUBDISTRICT"));

        // a refusal needs its reason; with one the application is refused
        as(CLERK_BP).contentType("application/json").body(Map.of()).post("/register/applications/" + id + "/review-start")
                .then().statusCode(200);
        as(CLERK_BP).contentType("application/json").body(Map.of()).post("/register/applications/" + id + "/refuse")
                .then().statusCode(400).body("message", containsString("理由"));
        as(CLERK_BP).contentType("application/json").body(Map.of("reason", "户口不在本市"))
                .post("/register/applications/" + id + "/refuse").then().statusCode(200)
                .body("redirect", equalTo("/register/applications/" + id + "?done=refused"));
        as(CLERK_BP).accept("text/html").get("/register/applications/" + id).then().statusCode(200)
                .body(containsString("不予批准")).body(containsString("户口不在本市"))
                .body(not(containsString("id=\"approve\"")));
        as(ADMIN).get("/api/register/applications/" + id).then().statusCode(200).body("state", equalTo("REFUSED"));
    }

    @Test
    void anApplicationWithoutEvidenceIsRefusedWithAChineseMessage() {
        Map<String, String> body = new java.util.HashMap<>(application(TestApi.idNumber(1941, true), "宝坻区|海滨街道"));
        body.remove("evidence-1");
        as(CLERK_HB).contentType("application/json").body(body).post("/register/applications").then().statusCode(400)
                .body("message", containsString("材料"));
        as(ADMIN).get("/api/register/applications?subdistrict=海滨街道&limit=200").then().statusCode(200)
                .body("items.idNumber", not(org.hamcrest.Matchers.hasItem(
                        cn.laorenjia.core.senior.IdNumber.parse(body.get("idNumber")).masked())));
    }
}
