package cn.laorenjia.settlement.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Supervisors and finance limited to a 区 or a 街镇 (issue 19), as a 街道 clerk is to one 街镇. */
@QuarkusTest
class AreaScopeTest {

    @Test
    void aScopedAccountCarriesItsAreaAndAnUnscopedOneNone() {
        as("test-finance-bp").get("/api/security/me").then().statusCode(200)
                .body("district", equalTo("宝坻区")).body("subdistrict", equalTo("宝平街道"));
        as("test-supervisor-bd").get("/api/security/me").then().statusCode(200)
                .body("district", equalTo("宝坻区")).body("subdistrict", nullValue());
        as(TestApi.SUPERVISOR).get("/api/security/me").then().statusCode(200)
                .body("district", nullValue()).body("subdistrict", nullValue());
        as(ADMIN).get("/api/security/me").then().statusCode(200).body("district", nullValue());
    }

    @Test
    void anAdministratorGivesSupervisorsAndFinanceAnAreaOnTheList() {
        String supervisor = TestApi.unique("sup").toLowerCase();
        JsonPath created = as(ADMIN).body(person(supervisor, List.of("supervisor"), "宝坻区", null))
                .post("/api/security/people").then().statusCode(201).extract().jsonPath();
        given().auth().preemptive().basic(supervisor, created.getString("password")).get("/api/security/me")
                .then().statusCode(200).body("district", equalTo("宝坻区")).body("subdistrict", nullValue());

        // a 区 without any 街镇 on the list, a 街镇 not on it, a 街镇 without its 区: refused, nothing created
        as(ADMIN).body(person(TestApi.unique("s").toLowerCase(), List.of("supervisor"), "没有这个区", null))
                .post("/api/security/people").then().statusCode(400);
        as(ADMIN).body(person(TestApi.unique("f").toLowerCase(), List.of("finance"), "宝坻区", "没有这个街道"))
                .post("/api/security/people").then().statusCode(400);
        as(ADMIN).body(person(TestApi.unique("f").toLowerCase(), List.of("finance"), null, "宝平街道"))
                .post("/api/security/people").then().statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        // administrators are never limited to an area
        String admin = TestApi.unique("a").toLowerCase();
        as(ADMIN).body(person(admin, List.of("administrator"), "宝坻区", null))
                .post("/api/security/people").then().statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        as(ADMIN).get("/api/security/people").then().statusCode(200)
                .body("findAll { it.username == '" + admin + "' }.size()", equalTo(0));
    }

    @Test
    void aDistrictScopeCoversItsSubdistrictsAndNothingElse() {
        AreaScope district = AreaScope.district("宝坻区");
        assertTrue(district.covers("宝坻区", "海滨街道"));
        assertTrue(district.covers("宝坻区", "宝平街道"));
        assertFalse(district.covers("武清区", "杨村街道"));
        Map<String, Object> params = new HashMap<>();
        assertEquals(" and c.district = :scopeDistrict", district.condition("c", params));
        assertEquals(Map.of("scopeDistrict", "宝坻区"), params);
        assertEquals("", AreaScope.all().condition("c", new HashMap<>()));
    }

    private static Map<String, Object> person(String username, List<String> roles, String district, String subdistrict) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("displayName", "区域人员");
        body.put("roles", roles);
        if (district != null) {
            body.put("district", district);
        }
        if (subdistrict != null) {
            body.put("subdistrict", subdistrict);
        }
        return body;
    }
}
