package cn.laorenjia.core.card;

import cn.laorenjia.core.senior.IdNumber;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz targets for what a card (or a cloned, broken or hostile one) answers: the UID profile's GET UID
 * answer, the social-security card's SELECT and READ RECORD answers, the {@code tag | length | value}
 * framing and the GBK name. Property: each parser returns a value that satisfies its contract, or throws
 * {@link CardReadException} with a code and a Chinese message; nothing else ever escapes.
 */
class CardResponseFuzzTest {

    private static final HexFormat HEX = HexFormat.of();

    static Stream<byte[]> answers() {
        return Stream.of(
                HEX.parseHex("04A1B2C3D4E5F69000"), HEX.parseHex("08A1B2C39000"), HEX.parseHex("6A81"), HEX.parseHex("9000"),
                HEX.parseHex("90"), new byte[0],
                SocialSecurityCard.recordAnswer(7, "TJ1234567".getBytes(StandardCharsets.US_ASCII)),
                SocialSecurityCard.recordAnswer(8, "11010519491231002X".getBytes(StandardCharsets.US_ASCII)),
                SocialSecurityCard.recordAnswer(9, SocialSecurityCard.nameValue("张秀英")),
                SocialSecurityCard.recordAnswer(9, SocialSecurityCard.nameValue("欧阳·娜娜")),
                HEX.parseHex("6982"), HEX.parseHex("6A83"), HEX.parseHex("070A54433132333435363700"));
    }

    /** The same raw answer through every parser: each returns a valid value or refuses with a code. */
    @MethodSource("answers")
    @FuzzTest
    void rawAnswer(byte @NotNull [] answer) {
        byte[] copy = answer.clone();

        String uid = parsedOrRefused(CardUid::parse, answer);
        if (uid != null) {
            assertTrue(answer.length >= 2 && answer[answer.length - 2] == (byte) 0x90 && answer[answer.length - 1] == 0);
            int bytes = answer.length - 2;
            assertTrue(bytes == 4 || bytes == 7 || bytes == 10, "UID of " + bytes + " bytes");
            assertEquals(HEX.withUpperCase().formatHex(answer, 0, bytes), uid);
            assertFalse(bytes == 4 && answer[0] == 0x08, "a random UID was accepted");
        }

        Boolean selected = parsedOrRefused(a -> {
            SocialSecurityCard.checkSelected(a);
            return Boolean.TRUE;
        }, answer);
        if (selected != null) {
            assertEquals(ResponseApdu.SW_OK, ResponseApdu.of(answer).sw());
        }

        String cardNumber = parsedOrRefused(SocialSecurityCard::cardNumber, answer);
        if (cardNumber != null) {
            assertTrue(cardNumber.matches("[0-9A-Z]{9}"), cardNumber);
            assertArrayEquals(answer, SocialSecurityCard.recordAnswer(SocialSecurityCard.TAG_CARD_NUMBER,
                    cardNumber.getBytes(StandardCharsets.US_ASCII)));
        }

        String idNumber = parsedOrRefused(SocialSecurityCard::idNumber, answer);
        if (idNumber != null) {
            assertEquals(idNumber, IdNumber.parse(idNumber).value());
            assertEquals(18, idNumber.length());
        }

        String name = parsedOrRefused(SocialSecurityCard::name, answer);
        if (name != null) {
            assertName(name);
        }

        for (int tag : new int[]{SocialSecurityCard.TAG_CARD_NUMBER, SocialSecurityCard.TAG_ID_NUMBER,
                SocialSecurityCard.TAG_NAME, answer.length > 0 ? answer[0] & 0xFF : 0}) {
            byte[] value = parsedOrRefused(a -> SocialSecurityCard.record(a, tag), answer);
            if (value != null) {
                assertArrayEquals(answer, SocialSecurityCard.recordAnswer(tag, value), "record framing round trip");
            }
        }
        assertArrayEquals(copy, answer, "a parser changed its input");
    }

    /**
     * Structured: well-framed record answers (right tag, right length, 9000) whose values are fuzzed, so the
     * fuzzer spends its time on the value checks (ID number rules, GBK decoding, padding) instead of the framing.
     */
    @FuzzTest
    void framedRecord(FuzzedDataProvider data) {
        int which = data.consumeInt(0, 2);
        int sw = data.consumeBoolean() ? ResponseApdu.SW_OK : data.consumeInt(0, 0xFFFF);
        byte[] value = switch (which) {
            case 0 -> data.consumeAsciiString(12).getBytes(StandardCharsets.US_ASCII);
            case 1 -> idNumberish(data);
            default -> data.consumeBoolean()
                    ? Arrays.copyOf(data.consumeString(16).getBytes(SocialSecurityCard.GBK), data.consumeInt(0, 34))
                    : data.consumeBytes(34);
        };
        int tag = new int[]{SocialSecurityCard.TAG_CARD_NUMBER, SocialSecurityCard.TAG_ID_NUMBER, SocialSecurityCard.TAG_NAME}[which];
        byte[] answer = SocialSecurityCard.recordAnswer(tag, value);
        answer[answer.length - 2] = (byte) (sw >> 8);
        answer[answer.length - 1] = (byte) sw;

        switch (which) {
            case 0 -> {
                String number = parsedOrRefused(SocialSecurityCard::cardNumber, answer);
                if (number != null) {
                    assertEquals(new String(value, StandardCharsets.US_ASCII), number);
                    assertTrue(number.matches("[0-9A-Z]{9}"));
                }
            }
            case 1 -> {
                String id = parsedOrRefused(SocialSecurityCard::idNumber, answer);
                if (id != null) {
                    // a lower-case check character x is read as X (found by fuzzing: the first version of this check was too strict)
                    assertEquals(new String(value, StandardCharsets.US_ASCII).toUpperCase(java.util.Locale.ROOT), id);
                    assertEquals(IdNumber.checkDigit(id.substring(0, 17)), id.charAt(17));
                }
            }
            default -> {
                String name = parsedOrRefused(SocialSecurityCard::name, answer);
                if (name != null) {
                    assertName(name);
                    assertTrue(value.length <= SocialSecurityCard.NAME_LENGTH);
                    // what the card holds is the name, zero padded (surrounding spaces are not part of it)
                    byte[] stored = SocialSecurityCard.nameValue(name);
                    int end = value.length;
                    while (end > 0 && value[end - 1] == 0) {
                        end--;
                    }
                    assertEquals(name, new String(value, 0, end, SocialSecurityCard.GBK).strip());
                    assertNotNull(stored);
                }
            }
        }
    }

    /** 18 characters that often look like an ID number: digits with a fuzzed birth date and check character. */
    private static byte[] idNumberish(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            return data.consumeAsciiString(20).getBytes(StandardCharsets.US_ASCII);
        }
        StringBuilder id = new StringBuilder(data.pickValue(new String[]{"120224", "110105", "000000", "999999", "120100"}));
        id.append(String.format("%04d%02d%02d", data.consumeInt(1800, 2100), data.consumeInt(0, 13), data.consumeInt(0, 32)));
        id.append(String.format("%03d", data.consumeInt(0, 999)));
        String first17 = id.toString();
        id.append(data.consumeBoolean() ? IdNumber.checkDigit(first17) : data.pickValue(new char[]{'0', 'X', 'x', '9', ' '}));
        return id.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void assertName(String name) {
        assertFalse(name.isEmpty());
        assertEquals(name.strip(), name);
        assertTrue(name.chars().noneMatch(Character::isISOControl), name);
        assertTrue(name.getBytes(SocialSecurityCard.GBK).length <= SocialSecurityCard.NAME_LENGTH);
    }

    private static <T> T parsedOrRefused(Function<byte[], T> parser, byte[] answer) {
        try {
            return parser.apply(answer);
        } catch (CardReadException refused) {
            assertNotNull(refused.code());
            assertTrue(refused.messageZh().codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                    refused.messageZh());
            return null;
        }
    }
}
