package cn.laorenjia.settlement.supervision;

import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.supervision.service.AnomalyRule;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static cn.laorenjia.settlement.security.TestApi.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every rule against a planted month ({@link AnomalyWorld}): the canteen planted with the rule's pattern is flagged,
 * its four honest neighbours are not; scanning again opens nothing new.
 */
@QuarkusTest
class AnomalyRulesTest {

    static final String SUPERVISOR = TestApi.SUPERVISOR;

    @Inject
    AgroalDataSource dataSource;

    AnomalyWorld world;

    @BeforeEach
    void plant() throws Exception {
        world = AnomalyWorld.plant(dataSource);
        scan();
    }

    static JsonPath scan() {
        return as(SUPERVISOR).body(Map.of("month", AnomalyWorld.MONTH.toString())).post("/api/supervision/scans")
                .then().statusCode(200).extract().jsonPath();
    }

    static List<Map<String, Object>> cases(String user, String rule) {
        return as(user).queryParam("month", AnomalyWorld.MONTH.toString()).queryParam("rule", rule)
                .queryParam("size", 200).get("/api/supervision/cases")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    @ParameterizedTest
    @EnumSource(value = AnomalyRule.class, names = "MANY_CANTEENS", mode = EnumSource.Mode.EXCLUDE)
    void theCanteenPlantedIsFlaggedAndNoHonestOne(AnomalyRule rule) {
        List<Map<String, Object>> cases = cases(SUPERVISOR, rule.name());
        List<Object> flagged = cases.stream().map(c -> c.get("canteenCode")).toList();
        assertTrue(flagged.contains(world.codes.get(rule.name())), rule + " flags " + flagged);
        for (String honest : List.of("H1", "H2", "H3", "H4")) {
            assertFalse(flagged.contains(world.codes.get(honest)), rule + " flags the honest " + honest);
        }
        Map<String, Object> planted = cases.stream()
                .filter(c -> world.codes.get(rule.name()).equals(c.get("canteenCode"))).findFirst().orElseThrow();
        assertTrue(((Number) planted.get("score")).doubleValue() >= ((Number) planted.get("threshold")).doubleValue(),
                "score past its threshold: " + planted);
        assertEquals(AnomalyWorld.DISTRICT, planted.get("district"));
        if (rule == AnomalyRule.MANUAL_SHARE_CASHIER) {
            assertEquals("3", planted.get("cashierNumber"), "the cashier who identified by hand");
            assertTrue(cases.stream().filter(c -> world.codes.get(rule.name()).equals(c.get("canteenCode")))
                    .allMatch(c -> "3".equals(c.get("cashierNumber"))), "only cashier 3 of that canteen");
        }
    }

    @Test
    void aSeniorAtThreeCanteensInAWeekIsFlaggedNotOneAtTwo() {
        List<Object> seniors = cases(SUPERVISOR, "MANY_CANTEENS").stream()
                .filter(c -> AnomalyWorld.DISTRICT.equals(c.get("district")))
                .map(c -> ((Number) c.get("seniorId")).longValue()).map(Object.class::cast).toList();
        assertEquals(List.of(world.ringSenior), seniors);
    }

    @Test
    void scanningAgainOpensNoSecondCase() {
        int before = as(SUPERVISOR).queryParam("month", AnomalyWorld.MONTH.toString()).get("/api/supervision/cases")
                .then().statusCode(200).extract().jsonPath().getInt("total");
        JsonPath again = scan();
        assertEquals(0, again.getInt("opened"));
        assertEquals(before, as(SUPERVISOR).queryParam("month", AnomalyWorld.MONTH.toString())
                .get("/api/supervision/cases").then().statusCode(200).extract().jsonPath().getInt("total"));
    }
}
