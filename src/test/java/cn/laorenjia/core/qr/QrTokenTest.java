package cn.laorenjia.core.qr;

import cn.laorenjia.core.testing.Seeded;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QrTokenTest {

    private static final KeyPair KEYS = Ed25519Keys.generate();
    private static final KeyPair OTHER = Ed25519Keys.generate();
    private static final QrTokenSigner SIGNER = new QrTokenSigner(3, KEYS.getPrivate());
    private static final Instant NOW = Instant.parse("2026-11-23T03:42:10Z");
    private static final Duration TOLERANCE = Duration.ofSeconds(30);

    private static QrToken phone(Instant issuedAt, int nonce) {
        return new QrToken(3, QrTokenKind.PHONE, 1_234_567L, issuedAt, Duration.ofSeconds(60), nonce);
    }

    private static QrTokenVerifier verifier() {
        return new QrTokenVerifier(Map.of(3, KEYS.getPublic()), TOLERANCE, new SeenNonces(1000));
    }

    private static QrTokenException.Code refusal(QrTokenVerifier verifier, String text, Instant now) {
        return assertThrows(QrTokenException.class, () -> verifier.verify(text, now)).code();
    }

    @Test
    void aSignedPhoneCodeVerifiesOnceAndIsSmallEnoughForQrVersion6() {
        QrToken token = phone(NOW, 42);
        String text = SIGNER.sign(token);
        // QR version 6 at level M holds 154 alphanumeric characters.
        assertEquals(135, text.length());
        assertTrue(text.chars().allMatch(c -> Base45.ALPHABET.indexOf(c) >= 0));
        QrTokenVerifier verifier = verifier();
        assertEquals(token, verifier.verify(text, NOW.plusSeconds(5)));
        assertEquals(QrTokenException.Code.REPLAYED, refusal(verifier, text, NOW.plusSeconds(6)));
    }

    @Test
    void printedCodesMayBeScannedAgain() {
        QrToken token = new QrToken(3, QrTokenKind.PRINTED, 99L, NOW, Duration.ofDays(3650), 7);
        String text = SIGNER.sign(token);
        QrTokenVerifier verifier = verifier();
        assertEquals(token, verifier.verify(text, NOW.plus(Duration.ofDays(400))));
        assertEquals(token, verifier.verify(text, NOW.plus(Duration.ofDays(401))));
    }

    @Test
    void expiryAndNotYetValidHonourTheClockTolerance() {
        String text = SIGNER.sign(phone(NOW, 1));
        assertEquals(phone(NOW, 1), verifier().verify(text, NOW.plusSeconds(90)));
        assertEquals(QrTokenException.Code.EXPIRED, refusal(verifier(), text, NOW.plusSeconds(91)));
        assertEquals(phone(NOW, 1), verifier().verify(text, NOW.minusSeconds(30)));
        assertEquals(QrTokenException.Code.NOT_YET_VALID, refusal(verifier(), text, NOW.minusSeconds(31)));
    }

    @Test
    void aCodeSignedByAnotherKeyIsForgedAndAnUnknownKeyIdIsSaid() {
        String forged = new QrTokenSigner(3, OTHER.getPrivate()).sign(phone(NOW, 1));
        assertEquals(QrTokenException.Code.FORGED, refusal(verifier(), forged, NOW));
        String otherKey = new QrTokenSigner(4, OTHER.getPrivate()).sign(new QrToken(4, QrTokenKind.PHONE, 1, NOW, Duration.ofSeconds(60), 1));
        assertEquals(QrTokenException.Code.UNKNOWN_KEY, refusal(verifier(), otherKey, NOW));
    }

    @Test
    void garbageIsMalformed() {
        for (String text : new String[]{"", "hello", "BDQR0123456789AB", "LRJ:", "LRJ:abc", "LRJ:" + "0".repeat(200)}) {
            QrTokenException.Code code = refusal(verifier(), text, NOW);
            assertTrue(code == QrTokenException.Code.MALFORMED || code == QrTokenException.Code.TRUNCATED, text + " -> " + code);
        }
        assertEquals(QrTokenException.Code.MALFORMED, refusal(verifier(), "LRJ:" + "0".repeat(200), NOW));
        assertEquals(QrTokenException.Code.MALFORMED, refusal(verifier(), "hello", NOW));
    }

    @Test
    void everyPrefixOfAGoodCodeIsTruncatedOrMalformed() {
        String text = SIGNER.sign(phone(NOW, 5));
        for (int cut = SignedQrToken.PREFIX.length() + 1; cut < text.length(); cut++) {
            assertEquals(QrTokenException.Code.TRUNCATED, refusal(verifier(), text.substring(0, cut), NOW), "cut at " + cut);
        }
    }

    @Test
    void anyChangedByteIsRefused() {
        Seeded.forAll("a code with one byte changed is never accepted", 300, random -> {
            QrToken token = new QrToken(3, random.nextBoolean() ? QrTokenKind.PHONE : QrTokenKind.PRINTED,
                    random.nextLong(), NOW.minusSeconds(random.nextInt(30)), Duration.ofSeconds(1 + random.nextInt(100)), random.nextInt());
            byte[] bytes = Base45.decode(SIGNER.sign(token).substring(SignedQrToken.PREFIX.length()));
            int at = random.nextInt(bytes.length);
            bytes[at] ^= (byte) (1 + random.nextInt(255));
            QrTokenException.Code code = refusal(verifier(), SignedQrToken.PREFIX + Base45.encode(bytes), NOW);
            assertNotEquals(QrTokenException.Code.REPLAYED, code);
            if (at >= 3) {
                assertEquals(QrTokenException.Code.FORGED, code, "changed byte " + at);
            }
        });
    }

    @Test
    void tokensRoundTripThroughText() {
        Seeded.forAll("parse(sign(t)).token == t", 300, random -> {
            QrToken token = new QrToken(3, random.nextBoolean() ? QrTokenKind.PHONE : QrTokenKind.PRINTED, random.nextLong(),
                    Instant.ofEpochSecond(random.nextLong() & QrToken.MAX_UNSIGNED_INT),
                    Duration.ofSeconds(1 + (random.nextLong() & 0x7FFF_FFFFL)), random.nextInt());
            assertEquals(token, SignedQrToken.parse(SIGNER.sign(token)).token());
        });
    }

    @Test
    void refusesTokensThatCannotBeEncoded() {
        assertThrows(IllegalArgumentException.class, () -> new QrToken(256, QrTokenKind.PHONE, 1, NOW, Duration.ofSeconds(60), 1));
        assertThrows(IllegalArgumentException.class, () -> new QrToken(1, QrTokenKind.PHONE, 1, NOW.plusMillis(1), Duration.ofSeconds(60), 1));
        assertThrows(IllegalArgumentException.class, () -> new QrToken(1, QrTokenKind.PHONE, 1, NOW, Duration.ZERO, 1));
        assertThrows(IllegalArgumentException.class, () -> SIGNER.sign(new QrToken(1, QrTokenKind.PHONE, 1, NOW, Duration.ofSeconds(60), 1)));
    }

    @Test
    void thePublicKeyDerivedFromThePrivateKeyVerifies() {
        var derived = Ed25519Keys.publicOf(KEYS.getPrivate());
        assertEquals(Ed25519Keys.publicKeyText(KEYS.getPublic()), Ed25519Keys.publicKeyText(derived));
        var roundTripped = Ed25519Keys.publicKey(Ed25519Keys.publicKeyText(KEYS.getPublic()));
        String text = SIGNER.sign(phone(NOW, 9));
        assertEquals(phone(NOW, 9), new QrTokenVerifier(Map.of(3, roundTripped), TOLERANCE, new SeenNonces(4)).verify(text, NOW));
        assertThrows(IllegalArgumentException.class, () -> Ed25519Keys.publicKey("AAAA"));
    }

    @Test
    void seenNoncesAreBoundedAndForgetExpiredCodes() {
        SeenNonces seen = new SeenNonces(3);
        for (int i = 0; i < 5; i++) {
            assertTrue(seen.firstUse(phone(NOW, i), NOW, NOW.plusSeconds(90)));
        }
        assertEquals(3, seen.size());
        assertTrue(seen.firstUse(phone(NOW, 0), NOW, NOW.plusSeconds(90)), "the oldest were forgotten first");
        assertEquals(false, seen.firstUse(phone(NOW, 4), NOW, NOW.plusSeconds(90)));
        assertTrue(seen.firstUse(phone(NOW, 99), NOW.plusSeconds(90), NOW.plusSeconds(180)));
        assertEquals(1, seen.size(), "expired entries are purged");
    }
}
