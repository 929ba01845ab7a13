package cn.laorenjia.core.qr;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz targets for what a scanner hands the terminal: {@link SignedQrToken#parse} and
 * {@link QrTokenVerifier#verify} with a real Ed25519 key. The property of every target: the answer is a
 * token or a {@link QrTokenException} with a code and a Chinese message, never any other exception, and
 * nothing but a code our key signed is ever accepted.
 *
 * <p>Under {@code mvn test} each target replays its seeds (the {@code @MethodSource} below and the files in
 * {@code src/test/resources/cn/laorenjia/core/qr/QrTokenFuzzTestInputs/<method>/}); {@code bash .ci/fuzz}
 * fuzzes them (see src/FUZZING.md).
 */
class QrTokenFuzzTest {

    static final int KEY_ID = 7;
    /** A fixed test key (RFC 8032 signatures are deterministic, so an accepted text can be re-signed and compared). */
    static final PrivateKey PRIVATE = Ed25519Keys.privateKey(HexFormat.of().parseHex(
            "302e020100300506032b657004220420" + "4c616f72656e6a6961206675e3ba7a2074657374206b6579206f6e6c79202121"));
    static final PublicKey PUBLIC = Ed25519Keys.publicOf(PRIVATE);
    static final QrTokenSigner SIGNER = new QrTokenSigner(KEY_ID, PRIVATE);
    static final Instant NOW = Instant.parse("2026-11-23T03:42:10Z");
    static final Duration TOLERANCE = Duration.ofSeconds(30);

    private static QrTokenVerifier verifier() {
        return new QrTokenVerifier(Map.of(KEY_ID, PUBLIC), TOLERANCE, new SeenNonces(16));
    }

    static Stream<String> scannedTexts() {
        String phone = SIGNER.sign(new QrToken(KEY_ID, QrTokenKind.PHONE, 1_234_567L, NOW, Duration.ofSeconds(60), 42));
        String printed = SIGNER.sign(new QrToken(KEY_ID, QrTokenKind.PRINTED, 99L, NOW.minus(Duration.ofDays(400)),
                Duration.ofDays(3650), 7));
        String expired = SIGNER.sign(new QrToken(KEY_ID, QrTokenKind.PHONE, 5L, NOW.minusSeconds(600), Duration.ofSeconds(60), 1));
        return Stream.of(phone, printed, expired, phone.substring(0, 80), phone.toLowerCase(), phone + "00",
                "LRJ:", "LRJ:%%%", "https://example.invalid/?q=1", "BDQR0123456789AB", "");
    }

    /**
     * Any text a scanner may produce. The verifier accepts it only if it is exactly a code our key signed and
     * still valid; {@link SignedQrToken#parse} is total and what it parses prints back to the same text; and
     * {@link Base45} decodes the payload or refuses it, with decode and encode inverse.
     */
    @MethodSource("scannedTexts")
    @FuzzTest
    void scannedText(@NotNull String text) {
        verifiedOnlyIfSignedByUs(text);
        parsedTextRoundTrips(text);
        base45RoundTrips(text.startsWith(SignedQrToken.PREFIX) ? text.substring(SignedQrToken.PREFIX.length()) : text);
    }

    private static void verifiedOnlyIfSignedByUs(String text) {
        QrToken token;
        try {
            token = verifier().verify(text, NOW);
        } catch (QrTokenException refused) {
            assertRefusal(refused);
            if (!text.startsWith(SignedQrToken.PREFIX)) {
                assertEquals(QrTokenException.Code.MALFORMED, refused.code(), text);
            }
            return;
        }
        // Accepted: the text must be the one canonical encoding of a code signed with our key, within its validity.
        assertEquals(text, SIGNER.sign(token), "accepted a text that is not the signer's own encoding");
        assertFalse(token.issuedAt().isAfter(NOW.plus(TOLERANCE)));
        assertFalse(NOW.isAfter(token.expiresAt().plus(TOLERANCE)));
    }

    private static void parsedTextRoundTrips(String text) {
        SignedQrToken parsed;
        try {
            parsed = SignedQrToken.parse(text);
        } catch (QrTokenException refused) {
            assertRefusal(refused);
            return;
        }
        assertEquals(text, parsed.text());
        assertEquals(SignedQrToken.TEXT_LENGTH, text.length());
        assertArrayEquals(parsed.body(), parsed.token().body());
    }

    private static void base45RoundTrips(String text) {
        byte[] bytes;
        try {
            bytes = Base45.decode(text);
        } catch (IllegalArgumentException refused) {
            assertNotNull(refused.getMessage());
            return;
        }
        assertEquals(text, Base45.encode(bytes));
        assertArrayEquals(bytes, Base45.decode(Base45.encode(bytes)));
    }

    /**
     * Structured: a valid code with fuzzed fields, then fuzzed damage (bit flips in the signed bytes, a cut,
     * inserted or replaced characters, changed case, another key), checked at a fuzzed instant. An undamaged
     * code gets exactly the verdict its times call for; a damaged one is never accepted as another token.
     */
    @FuzzTest
    void mutatedValidToken(FuzzedDataProvider data) {
        boolean ourKey = data.consumeBoolean();
        QrToken original = new QrToken(ourKey ? KEY_ID : data.consumeInt(0, 255),
                data.consumeBoolean() ? QrTokenKind.PHONE : QrTokenKind.PRINTED,
                data.consumeLong(),
                Instant.ofEpochSecond(data.consumeLong(0, QrToken.MAX_UNSIGNED_INT)),
                Duration.ofSeconds(data.consumeLong(1, QrToken.MAX_UNSIGNED_INT)),
                data.consumeInt());
        String signed = new QrTokenSigner(original.keyId(), PRIVATE).sign(original);
        Instant now = Instant.ofEpochSecond(data.consumeLong(-100_000_000_000L, 100_000_000_000L));

        String text = damage(signed, data);
        QrTokenVerifier verifier = new QrTokenVerifier(Map.of(KEY_ID, PUBLIC), TOLERANCE, new SeenNonces(16));
        QrToken accepted;
        try {
            accepted = verifier.verify(text, now);
        } catch (QrTokenException refused) {
            assertRefusal(refused);
            if (text.equals(signed)) {
                assertEquals(expectedVerdict(original, now), refused.code(), "undamaged code at " + now);
            }
            return;
        }
        assertEquals(signed, text, "a damaged code was accepted");
        assertEquals(original, accepted);
        assertEquals(null, expectedVerdict(original, now), "accepted although its times say otherwise");
        if (original.kind() == QrTokenKind.PHONE) {
            QrTokenException replay = null;
            try {
                verifier.verify(text, now);
            } catch (QrTokenException e) {
                replay = e;
            }
            assertNotNull(replay, "a phone code was accepted twice");
            assertEquals(QrTokenException.Code.REPLAYED, replay.code());
        }
    }

    private static QrTokenException.Code expectedVerdict(QrToken token, Instant now) {
        if (token.keyId() != KEY_ID) {
            return QrTokenException.Code.UNKNOWN_KEY;
        }
        if (token.issuedAt().isAfter(now.plus(TOLERANCE))) {
            return QrTokenException.Code.NOT_YET_VALID;
        }
        if (now.isAfter(token.expiresAt().plus(TOLERANCE))) {
            return QrTokenException.Code.EXPIRED;
        }
        return null;
    }

    private static String damage(String signed, FuzzedDataProvider data) {
        int kind = data.consumeInt(0, 6);
        switch (kind) {
            case 0 -> {
                return signed;
            }
            case 1 -> { // flip bits in the decoded bytes
                byte[] bytes = Base45.decode(signed.substring(SignedQrToken.PREFIX.length()));
                int flips = data.consumeInt(1, 4);
                for (int i = 0; i < flips; i++) {
                    bytes[data.consumeInt(0, bytes.length - 1)] ^= data.consumeByte();
                }
                return SignedQrToken.PREFIX + Base45.encode(bytes);
            }
            case 2 -> { // cut short or extended
                int cut = data.consumeInt(0, signed.length());
                return signed.substring(0, cut) + data.consumeString(8);
            }
            case 3 -> { // characters replaced in place
                char[] chars = signed.toCharArray();
                int n = data.consumeInt(1, 3);
                for (int i = 0; i < n; i++) {
                    chars[data.consumeInt(0, chars.length - 1)] = data.consumeChar();
                }
                return new String(chars);
            }
            case 4 -> { // text inserted in the middle
                int at = data.consumeInt(0, signed.length());
                return signed.substring(0, at) + data.consumeString(12) + signed.substring(at);
            }
            case 5 -> { // what some scanners do: lower case, whitespace, a keyboard layout's wrong colon
                return switch (data.consumeInt(0, 3)) {
                    case 0 -> signed.toLowerCase();
                    case 1 -> " " + signed + "\r\n";
                    case 2 -> signed.replace(':', ';');
                    default -> "\uFEFF" + signed;
                };
            }
            default -> { // bytes of the signature swapped with those of another code
                byte[] bytes = Base45.decode(signed.substring(SignedQrToken.PREFIX.length()));
                byte[] other = data.consumeBytes(bytes.length);
                int from = data.consumeInt(0, bytes.length - 1);
                for (int i = 0; i < other.length && from + i < bytes.length; i++) {
                    bytes[from + i] = other[i];
                }
                return SignedQrToken.PREFIX + Base45.encode(bytes);
            }
        }
    }

    static void assertRefusal(QrTokenException refused) {
        assertNotNull(refused.code());
        assertTrue(refused.messageZh().codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                "the cashier's message is Chinese: " + refused.messageZh());
        assertTrue(Arrays.asList(QrTokenException.Code.values()).contains(refused.code()));
    }
}
