package cn.laorenjia.terminal.scan;

import cn.laorenjia.core.qr.Ed25519Keys;
import cn.laorenjia.terminal.testing.TestClock;
import cn.laorenjia.core.qr.QrToken;
import cn.laorenjia.core.qr.QrTokenKind;
import cn.laorenjia.core.qr.QrTokenSigner;
import cn.laorenjia.terminal.identify.IdentificationFailed;
import cn.laorenjia.terminal.identify.SeniorPresented;
import cn.laorenjia.terminal.testing.CameraFrames;
import cn.laorenjia.terminal.testing.EventsSeen;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Random;

import static cn.laorenjia.terminal.testing.CounterApi.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** POST /api/scan and /api/scan/image: offline verification with the pinned public key, events, refusals. */
@QuarkusTest
@WithTestResource(TestSigningKey.class)
class ScanApiTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    EventsSeen events;

    @BeforeEach
    void clear() {
        events.clear();
    }

    private static String code(QrTokenKind kind, Instant issuedAt, Duration validFor, int nonce) {
        return TestSigningKey.signer().sign(new QrToken(TestSigningKey.KEY_ID, kind, 4242L, issuedAt, validFor, nonce));
    }

    private static Instant now() {
        return TestClock.current().instant().truncatedTo(ChronoUnit.SECONDS); // the counter's clock
    }

    private static ValidatableResponse scan(String text) {
        return given().contentType(ContentType.JSON).body(Map.of("text", text)).post("/api/scan").then();
    }

    @Test
    void aPhoneCodeFromAWedgeScannerIsAcceptedOnceWithItsPrefixAndEnterStripped() {
        String code = code(QrTokenKind.PHONE, now(), Duration.ofSeconds(60), new Random().nextInt());
        scan("]Q1" + code + "\r\n").statusCode(200).body("accepted", equalTo(true)).body("kind", equalTo("PHONE_QR"))
                .body("secondCheckRequired", equalTo(false))
                .body("identification.method", equalTo("QR")).body("identification.token", equalTo(code));
        SeniorPresented seen = events.next(SeniorPresented.class, WAIT);
        assertEquals(SeniorPresented.Kind.PHONE_QR, seen.kind());
        assertEquals(code, seen.value());

        scan(code).statusCode(422)
                .body("accepted", equalTo(false)).body("code", equalTo("QR_REPLAYED")).body("kind", nullValue());
        assertEquals("QR_REPLAYED", events.next(IdentificationFailed.class, WAIT).code());
    }

    @Test
    void printedCodesAskForASecondCheck() {
        String code = code(QrTokenKind.PRINTED, now().minus(Duration.ofDays(100)), Duration.ofDays(3650), 1);
        for (int i = 0; i < 2; i++) {
            scan(code).statusCode(200).body("kind", equalTo("PRINTED_QR")).body("secondCheckRequired", equalTo(true))
                    .body("identification.method", equalTo("QR"));
            assertEquals(SeniorPresented.Kind.PRINTED_QR, events.next(SeniorPresented.class, WAIT).kind());
        }
        // an older unsigned printed identifier is honoured nowhere: refused here as the central refuses it
        scan("BDQR7K3M9P2Q4R6T").statusCode(422).body("accepted", equalTo(false))
                .body("code", equalTo("PRINTED_QR_NOT_SIGNED")).body("kind", nullValue())
                .body("messageZh", equalTo("这是旧版无签名的卡面二维码，已不能使用：请老人刷卡或改用身份证号查询，并到街镇换发新卡"));
        assertEquals("PRINTED_QR_NOT_SIGNED", events.next(IdentificationFailed.class, WAIT).code());
    }

    @Test
    void badCodesAreRefusedWithTheirReason() {
        Instant now = now();
        String forged = new QrTokenSigner(TestSigningKey.KEY_ID, Ed25519Keys.generate().getPrivate())
                .sign(new QrToken(TestSigningKey.KEY_ID, QrTokenKind.PHONE, 1, now, Duration.ofSeconds(60), 1));
        Map<String, String> cases = Map.of(
                forged, "QR_FORGED",
                code(QrTokenKind.PHONE, now.minusSeconds(200), Duration.ofSeconds(60), 2), "QR_EXPIRED",
                code(QrTokenKind.PHONE, now.plusSeconds(200), Duration.ofSeconds(60), 3), "QR_NOT_YET_VALID",
                code(QrTokenKind.PHONE, now, Duration.ofSeconds(60), 4).substring(0, 90), "QR_TRUNCATED",
                "https://example.com/pay?id=1", "QR_MALFORMED",
                new QrTokenSigner(3, Ed25519Keys.generate().getPrivate())
                        .sign(new QrToken(3, QrTokenKind.PHONE, 1, now, Duration.ofSeconds(60), 5)), "QR_UNKNOWN_KEY");
        cases.forEach((text, code) -> {
            scan(text).statusCode(422).body("code", equalTo(code));
            assertEquals(code, events.next(IdentificationFailed.class, WAIT).code());
        });
        scan("x".repeat(QrScanner.MAX_TEXT + 1)).statusCode(422).body("code", equalTo("QR_MALFORMED"));
    }

    @Test
    void aCodeInACameraFrameIsFoundAndAFrameWithoutOneIsSaid() throws Exception {
        String code = code(QrTokenKind.PHONE, now(), Duration.ofSeconds(60), new Random().nextInt());
        Random random = new Random(11);
        BufferedImage frame = CameraFrames.frame(random, code, CameraFrames.Shot.centred());
        given().contentType("image/jpeg").body(CameraFrames.jpeg(frame)).post("/api/scan/image").then().statusCode(200)
                .body("kind", equalTo("PHONE_QR")).body("value", equalTo(code));
        assertEquals(code, events.next(SeniorPresented.class, WAIT).value());

        given().contentType("image/png").body(CameraFrames.png(CameraFrames.frame(random, null, null))).post("/api/scan/image").then().statusCode(422)
                .body("code", equalTo("QR_NOT_FOUND"));
        given().contentType("image/png").body("not an image".getBytes()).post("/api/scan/image").then().statusCode(400)
                .body("code", equalTo("IMAGE_UNREADABLE"));
        given().contentType("image/png").body(new byte[5 * 1024 * 1024 + 1]).post("/api/scan/image").then().statusCode(413)
                .body("code", equalTo("IMAGE_TOO_LARGE"));
    }
}
