package cn.laorenjia.settlement;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.policy.EligibilityRoute;
import cn.laorenjia.fixtures.db.EmbeddedPostgresTestResource;
import cn.laorenjia.fixtures.sample.SampleProfile;
import cn.laorenjia.fixtures.sample.SampleRegister;
import cn.laorenjia.fixtures.sample.SampleSenior;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The foundation: the schema is migrated and the 宝坻 sample register is loaded through the service
 * layer, on a real PostgreSQL (embedded by default; the machine's server in CI's second run).
 * The test resource declared here applies to every test of this module.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresTestResource.class)
class RegisterLoadedTest {

    @Inject
    Flyway flyway;

    @Inject
    Clock clock;

    @Test
    void everyMigrationIsApplied() {
        var applied = Arrays.stream(flyway.info().all())
                .filter(m -> m.getVersion() != null)
                .collect(Collectors.toMap(m -> m.getVersion().getVersion(), m -> m.getState()));
        assertTrue(applied.size() >= 2, "migrations found: " + applied);
        applied.forEach((version, state) -> assertEquals(MigrationState.SUCCESS, state, "migration V" + version));
        assertEquals(0, flyway.info().pending().length);
    }

    @Test
    void healthIsUpAndOpenApiIsServedToAdministrators() {
        given().when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        cn.laorenjia.settlement.security.TestApi.as(cn.laorenjia.settlement.security.TestApi.ADMIN).when()
                .get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
    }

    @Test
    void theSampleRegisterIsLoadedWithEveryRouteAndExclusion() {
        SampleRegister samples = SampleRegister.baodi();
        JsonPath summary = given().auth().preemptive().basic("test-admin", "test-admin-password")
                .when().get("/api/register/summary").then().statusCode(200).extract().jsonPath();
        assertEquals(20, summary.getLong("canteens"));
        assertEquals(40, summary.getLong("terminals"));
        assertEquals(2000, summary.getLong("seniors"));
        assertEquals(samples.seniors().stream().mapToLong(s -> s.cards().size()).sum(), summary.getLong("cards"));

        // The core, run over the loaded rows, must put each sample senior where its profile says.
        LocalDate today = ChinaCalendar.mealDate(clock.instant());
        Map<String, Long> expectedByRoute = new TreeMap<>();
        long expectedIneligible = 0;
        for (SampleSenior s : samples.seniors()) {
            if (s.profile().expectedEligible()) {
                EligibilityRoute route = s.profile().expectedRoute().orElseThrow();
                expectedByRoute.merge(route.name(), 1L, Long::sum);
            } else {
                expectedIneligible++;
            }
        }
        Map<String, Long> byRoute = new TreeMap<>();
        summary.getMap("eligibleByRoute", String.class, Number.class)
                .forEach((k, v) -> byRoute.put(k, v.longValue()));
        assertEquals(expectedByRoute, byRoute, "eligible seniors by route on " + today);

        Map<String, Number> byReason = summary.getMap("notEligibleByReason", String.class, Number.class);
        for (SampleProfile p : SampleProfile.values()) {
            assertTrue(samples.countByProfile().getOrDefault(p, 0L) > 0, "profile without seniors: " + p);
        }
        for (String reason : new String[] {"NOT_ENROLLED", "ENROLMENT_NOT_APPROVED", "ENROLMENT_SUSPENDED",
                "ENROLMENT_WITHDRAWN", "DECEASED", "IN_INSTITUTION", "CENTRALISED_SUPPORT", "NOT_LOCAL",
                "UNDER_AGE_FOR_ROUTE"}) {
            assertTrue(byReason.containsKey(reason), "no sample senior refused for " + reason + ": " + byReason);
        }
        long ineligible = 2000 - byRoute.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(expectedIneligible, ineligible);
    }
}
