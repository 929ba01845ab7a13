package cn.laorenjia.settlement.qr;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.qr.Ed25519Keys;
import cn.laorenjia.core.qr.QrToken;
import cn.laorenjia.core.qr.QrTokenKind;
import cn.laorenjia.core.qr.QrTokenSigner;
import cn.laorenjia.fixtures.sample.SampleProfile;
import cn.laorenjia.fixtures.sample.SampleRegister;
import cn.laorenjia.fixtures.sample.SampleSenior;
import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.testing.TestClock;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Signed QR codes over HTTP: keys for terminals, phone and printed codes, the card PNG, and every refusal. */
@QuarkusTest
class QrCodesApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    QrKeys keys;

    @Inject
    TestClock clock;

    private String terminal;

    /** A canteen of its own, and the clock at a weekday lunch of its own (tests sharing the database share no quota). */
    @BeforeEach
    void canteenAndLunchTime() {
        terminal = TestApi.registerCanteen("海滨街道").getString("terminalSecrets[0].authorization");
        clock.set(randomWeekdayLunch());
    }

    @Test
    void terminalsFetchThePublicKeyWithoutSigningIn() {
        String publicKey = given().get("/api/qr/keys").then().statusCode(200)
                .body("keys[0].keyId", equalTo(1)).body("keys[0].algorithm", equalTo("Ed25519"))
                .body("phoneCodeValiditySeconds", equalTo(60)).body("clockToleranceSeconds", equalTo(30))
                .extract().path("keys[0].publicKey");
        assertEquals(Ed25519Keys.publicKeyText(keys.publicKey()), Ed25519Keys.publicKeyText(Ed25519Keys.publicKey(publicKey)));
    }

    @Test
    void aPhoneCodeBuysOneMealAndARetryOfThatSaleGetsTheSameAnswer() {
        long seniorId = seniorId(pickSenior());
        String token = TestApi.as(TestApi.ADMIN).post("/api/qr/seniors/" + seniorId + "/phone-code").then().statusCode(200)
                .body("kind", equalTo("PHONE")).body("token", startsWith("LRJ:")).extract().path("token");
        // the senior display looks the senior up first: that does not use the code up
        TestApi.asTerminal(terminal).queryParam("qrToken", token).get("/api/meals/quota").then().statusCode(200)
                .body("secondCheckRequired", equalTo(false));
        String saleId = UUID.randomUUID().toString();
        String at = lunch();
        Map<String, Object> first = sale(saleId, token, at).statusCode(200).body("status", equalTo("SUBSIDISED"))
                .body("secondCheckRequired", equalTo(false)).extract().jsonPath().getMap("");
        assertEquals(first, sale(saleId, token, at).statusCode(200).extract().jsonPath().getMap(""));
        assertEquals("QR", identifiedBy(saleId));
        sale(UUID.randomUUID().toString(), token, lunch()).statusCode(403).body("code", equalTo("QR_REPLAYED"));
    }

    @Test
    void aPrintedCodeIdentifiesAndAsksForASecondCheckUntilTheCardIsRevoked() {
        long seniorId = seniorId(pickSenior());
        String printedCards = "select count(*) from card where kind = 'PRINTED_QR' and status = 'ACTIVE' and senior_id = "
                + seniorId;
        String cardsIssuedAudit = "select count(*) from audit_event where action = 'CARD_ISSUED' and subject_kind = "
                + "'senior' and subject_id = '" + seniorId + "' and details ->> 'kind' = 'PRINTED_QR'";
        long cardsBefore = count(printedCards);
        long auditedBefore = count(cardsIssuedAudit);
        var issued = TestApi.as(TestApi.ADMIN).post("/api/qr/seniors/" + seniorId + "/printed-code").then().statusCode(200)
                .body("kind", equalTo("PRINTED")).extract().jsonPath();
        // a printed card made by this call is a register change: attributed and audited like any other card
        assertEquals(auditedBefore + (cardsBefore == 0 ? 1 : 0), count(cardsIssuedAudit));
        String token = issued.getString("token");
        TestApi.asTerminal(terminal).queryParam("qrToken", token).get("/api/meals/quota").then().statusCode(200)
                .body("secondCheckRequired", equalTo(true));
        sale(UUID.randomUUID().toString(), token, lunch()).statusCode(200).body("secondCheckRequired", equalTo(true));
        // a printed code is static: the same code identifies again (the quota, not the code, limits meals)
        TestApi.asTerminal(terminal).queryParam("qrToken", token).get("/api/meals/quota").then().statusCode(200);
        // printing again reuses the same printed card
        assertEquals(issued.getLong("holderId"), TestApi.as(TestApi.ADMIN).post("/api/qr/seniors/" + seniorId + "/printed-code")
                .then().statusCode(200).extract().jsonPath().getLong("holderId"));
        TestApi.as(TestApi.ADMIN).body(Map.of("status", "LOST"))
                .post("/api/register/seniors/" + seniorId + "/cards/" + issued.getLong("holderId") + "/revoke")
                .then().statusCode(200);
        TestApi.asTerminal(terminal).queryParam("qrToken", token).get("/api/meals/quota").then()
                .body("code", equalTo("CARD_NOT_ACTIVE"));
    }

    @Test
    void theCardPngCarriesAPrintedCodeForThatSenior() throws Exception {
        SampleSenior senior = pickSenior();
        byte[] png = TestApi.as(TestApi.ADMIN).get("/api/qr/seniors/" + seniorId(senior) + "/card.png").then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        var image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(SeniorCardImage.WIDTH, image.getWidth());
        String text = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                Map.of(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE))).getText();
        TestApi.asTerminal(terminal).queryParam("qrToken", text).get("/api/meals/quota").then().statusCode(200)
                .body("idNumberMasked", equalTo(senior.idNumber().masked())).body("secondCheckRequired", equalTo(true));
    }

    @Test
    void forgedExpiredEarlyTruncatedAndGarbageCodesAreRefusedWithTheirCodes() {
        long seniorId = seniorId(pickSenior());
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String forged = new QrTokenSigner(1, Ed25519Keys.generate().getPrivate())
                .sign(new QrToken(1, QrTokenKind.PHONE, seniorId, now, Duration.ofSeconds(60), 1));
        sale(UUID.randomUUID().toString(), forged, lunch()).statusCode(403).body("code", equalTo("QR_FORGED"));
        String expired = keys.signer().sign(new QrToken(1, QrTokenKind.PHONE, seniorId, now.minusSeconds(120), Duration.ofSeconds(60), 2));
        sale(UUID.randomUUID().toString(), expired, lunch()).statusCode(403).body("code", equalTo("QR_EXPIRED"))
                .body("message", equalTo("手机助餐码已过期，请老人刷新手机上的二维码后重新扫描"));
        String early = keys.signer().sign(new QrToken(1, QrTokenKind.PHONE, seniorId, now.plusSeconds(600), Duration.ofSeconds(60), 3));
        sale(UUID.randomUUID().toString(), early, lunch()).statusCode(403).body("code", equalTo("QR_NOT_YET_VALID"));
        String unknownKey = new QrTokenSigner(9, Ed25519Keys.generate().getPrivate())
                .sign(new QrToken(9, QrTokenKind.PHONE, seniorId, now, Duration.ofSeconds(60), 4));
        sale(UUID.randomUUID().toString(), unknownKey, lunch()).statusCode(403).body("code", equalTo("QR_UNKNOWN_KEY"));
        String good = keys.signer().sign(new QrToken(1, QrTokenKind.PHONE, seniorId, now, Duration.ofSeconds(60), 5));
        sale(UUID.randomUUID().toString(), good.substring(0, 100), lunch()).statusCode(400).body("code", equalTo("QR_TRUNCATED"));
        sale(UUID.randomUUID().toString(), "hello", lunch()).statusCode(400).body("code", equalTo("QR_MALFORMED"));
        // none of them wrote anything
        assertEquals(0, count("select count(*) from qr_phone_code_use where holder_id = " + seniorId));
    }

    private ValidatableResponse sale(String saleId, String token, String at) {
        return TestApi.asTerminal(terminal).body(Map.of("saleId", saleId, "occurredAt", at,
                        "identification", Map.of("method", "QR", "token", token), "mealSetCode", "L-STD", "priceFen", 1500))
                .post("/api/meals").then();
    }

    /** The sale's time: now, by the clock the test set. */
    private String lunch() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.ofHours(8)).toString();
    }

    /**
     * A weekday lunch on a random date at least 30 days before the clock's default, so that tests sharing the database
     * do not share a quota. Not before {@link SampleRegister#EXPECTATIONS_FROM}: until then a random senior may not yet
     * be approved.
     */
    private static Instant randomWeekdayLunch() {
        LocalDate latest = TestClock.MONDAY_LUNCH.toLocalDate().minusDays(30);
        long span = ChronoUnit.DAYS.between(SampleRegister.EXPECTATIONS_FROM, latest);
        LocalDate day = latest.minusDays(ThreadLocalRandom.current().nextLong(span + 1));
        while (day.getDayOfWeek().getValue() > 5) {
            day = day.plusDays(1); // forward, so a weekend at the start of the range stays inside it
        }
        return day.atTime(11, 45).atZone(ChinaCalendar.ZONE).toInstant();
    }

    private static SampleSenior pickSenior() {
        List<SampleSenior> eligible = SampleRegister.baodi().seniors(SampleProfile.ROUTE_AGE_80);
        return eligible.get(eligible.size() / 2 + ThreadLocalRandom.current().nextInt(eligible.size() / 2));
    }

    private long seniorId(SampleSenior senior) {
        return count("select id from senior where id_number = '" + senior.idNumber().value() + "'");
    }

    private String identifiedBy(String saleId) {
        return query("select identified_by from meal_entry where entry_id = '" + saleId + "'");
    }

    private long count(String sql) {
        return Long.parseLong(query(sql));
    }

    private String query(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
