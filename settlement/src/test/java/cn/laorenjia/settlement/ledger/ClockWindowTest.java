package cn.laorenjia.settlement.ledger;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.settling.SettlementFixture;
import cn.laorenjia.settlement.testing.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Time at the edges, on the production rules: a live sale within ten minutes of the server's clock either side (the
 * window is closed: exactly ten minutes is in), and the day and week turning at midnight Beijing time, whatever the
 * JVM's zone. The clock is the test's ({@link TestClock}); nothing here depends on when the suite runs.
 */
@QuarkusTest
class ClockWindowTest {

    private static final Duration WINDOW = Duration.ofMinutes(10); // laorenjia.ledger.max-clock-skew

    @Inject
    TestClock clock;

    @Inject
    AgroalDataSource dataSource;

    private String terminal;

    @BeforeEach
    void canteen() {
        terminal = TestApi.registerCanteen("海滨街道").getString("terminalSecrets[0].authorization");
    }

    @Test
    void aLiveSaleIsTakenUpToTenMinutesEitherSideOfTheServersClockAndRefusedBeyond() throws SQLException {
        Instant now = clock.instant();
        sale(SettlementFixture.newSenior("钱秀兰"), now.minus(WINDOW)).statusCode(200).body("status", equalTo("SUBSIDISED"));
        sale(SettlementFixture.newSenior("钱德福"), now.plus(WINDOW)).statusCode(200).body("status", equalTo("SUBSIDISED"));

        String uid = SettlementFixture.newSenior("钱桂英");
        long before = count("select count(*) from meal_entry");
        for (Instant outside : new Instant[] {now.minus(WINDOW).minusSeconds(1), now.plus(WINDOW).plusSeconds(1),
                now.minus(WINDOW).minusMillis(1)}) {
            sale(uid, outside).statusCode(400).body("code", equalTo("TIMESTAMP_OUT_OF_RANGE"));
        }
        assertEquals(before, count("select count(*) from meal_entry"), "a refused time records nothing");
        // the same senior is still served at the right time
        sale(uid, now).statusCode(200).body("status", equalTo("SUBSIDISED"));
    }

    @Test
    void theDayAndTheWeekTurnAtMidnightInBeijing() {
        String uid = SettlementFixture.newSenior("孙玉珍");
        // Sunday 23:59:59 in Beijing is 15:59:59 UTC the same Sunday; one second later Beijing is in a new week
        ZonedDateTime sundayNight = ZonedDateTime.of(2026, 11, 22, 23, 59, 59, 0, ChinaCalendar.ZONE);
        clock.set(sundayNight);
        String saleId = UUID.randomUUID().toString();
        sale(uid, saleId, sundayNight.toInstant()).statusCode(200).body("status", equalTo("SUBSIDISED"))
                .body("mealDate", equalTo("2026-11-22"))
                .body("week", equalTo(ChinaCalendar.weekOf(LocalDate.of(2026, 11, 22)).toString()));

        clock.advance(Duration.ofSeconds(2));
        // the sale was yesterday's now: a void must be the same day
        TestApi.asTerminal(terminal).body(Map.of("voidId", UUID.randomUUID().toString(),
                        "occurredAt", clock.instant().toString()))
                .post("/api/meals/" + saleId + "/void").then().statusCode(409).body("code", equalTo("VOID_NOT_SAME_DAY"));
        // a new day and a new week: the senior's quota is fresh
        sale(uid, UUID.randomUUID().toString(), clock.instant()).statusCode(200).body("status", equalTo("SUBSIDISED"))
                .body("mealDate", equalTo("2026-11-23"))
                .body("week", equalTo(ChinaCalendar.weekOf(LocalDate.of(2026, 11, 23)).toString()))
                .body("remainingThisWeek", equalTo(4));
    }

    private ValidatableResponse sale(String uid, Instant at) {
        return sale(uid, UUID.randomUUID().toString(), at);
    }

    private ValidatableResponse sale(String uid, String saleId, Instant at) {
        return TestApi.asTerminal(terminal).body(Map.of("saleId", saleId, "occurredAt", at.toString(),
                        "identification", Map.of("method", "CARD", "cardKind", "UID", "identifier", uid),
                        "mealSetCode", "L-STD", "priceFen", 1500))
                .post("/api/meals").then();
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
