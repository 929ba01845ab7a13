package cn.laorenjia.core.card;

import cn.laorenjia.core.testing.Seeded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CardResponsesTest {

    private static final HexFormat HEX = HexFormat.of();

    private static CardReadException.Code uidRefusal(String hex) {
        return assertThrows(CardReadException.class, () -> CardUid.parse(HEX.parseHex(hex))).code();
    }

    @ParameterizedTest
    @CsvSource({"04A1B2C3D4E5F6,04A1B2C3D4E5F6", "1A2B3C4D,1A2B3C4D", "04112233445566778899,04112233445566778899"})
    void uidsOf4_7And10Bytes(String uid, String expected) {
        assertEquals(expected, CardUid.parse(HEX.parseHex(uid + "9000")));
    }

    @ParameterizedTest
    @CsvSource({
            "08A1B2C39000,RANDOM_UID",
            "6A81,UID_NOT_SUPPORTED",
            "04A1B2C3D4E5F66300,CARD_ERROR",
            "6F00,CARD_ERROR",
            "04A1B29000,BAD_UID_LENGTH",
            "9000,BAD_UID_LENGTH",
            "04A1B2C3D49000,BAD_UID_LENGTH",
            "90,RESPONSE_TOO_SHORT",
            "'',RESPONSE_TOO_SHORT"})
    void refusedUidAnswers(String hex, CardReadException.Code code) {
        assertEquals(code, uidRefusal(hex));
    }

    @Test
    void a7ByteUidStarting08IsNotRandom() {
        assertEquals("08112233445566", CardUid.parse(HEX.parseHex("081122334455669000")));
    }

    @Test
    void readsASocialSecurityCard() {
        SocialSecurityCard.checkSelected(HEX.parseHex("9000"));
        assertEquals("TJ1234567", SocialSecurityCard.cardNumber(
                SocialSecurityCard.recordAnswer(7, "TJ1234567".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("11010519491231002X", SocialSecurityCard.idNumber(
                SocialSecurityCard.recordAnswer(8, "11010519491231002X".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("张秀英", SocialSecurityCard.name(SocialSecurityCard.recordAnswer(9, SocialSecurityCard.nameValue("张秀英"))));
        // The GBK bytes of the AID are those of "sx1.sh.社会保障".
        assertEquals("sx1.sh.社会保障", new String(Arrays.copyOfRange(SocialSecurityCard.SELECT, 5, 20), SocialSecurityCard.GBK));
    }

    @ParameterizedTest
    @CsvSource({
            "6A82,NOT_SOCIAL_SECURITY_CARD", "6A81,NOT_SOCIAL_SECURITY_CARD", "6E00,NOT_SOCIAL_SECURITY_CARD",
            "6283,CARD_ERROR", "61,RESPONSE_TOO_SHORT"})
    void refusedSelectAnswers(String hex, CardReadException.Code code) {
        assertEquals(code, assertThrows(CardReadException.class, () -> SocialSecurityCard.checkSelected(HEX.parseHex(hex))).code());
    }

    @ParameterizedTest
    @CsvSource({
            "6A83,RECORD_NOT_FOUND", "6982,SECURITY_NOT_SATISFIED", "6700,CARD_ERROR", "079000,RESPONSE_TOO_SHORT",
            "08095443313233343536379000,WRONG_TAG", "070A5443313233343536379000,LENGTH_MISMATCH",
            "07085443313233343536379000,LENGTH_MISMATCH", "0709544331323334353637,CARD_ERROR",
            "0709746A313233343536379000,BAD_CARD_NUMBER", "07095443313233340036379000,BAD_CARD_NUMBER",
            "0708544331323334353637009000,LENGTH_MISMATCH"})
    void refusedCardNumberAnswers(String hex, CardReadException.Code code) {
        assertEquals(code, assertThrows(CardReadException.class, () -> SocialSecurityCard.cardNumber(HEX.parseHex(hex))).code());
    }

    @Test
    void refusesAnIdNumberWithAWrongCheckDigit() {
        byte[] answer = SocialSecurityCard.recordAnswer(8, "110105194912310021".getBytes(StandardCharsets.US_ASCII));
        assertEquals(CardReadException.Code.BAD_ID_NUMBER,
                assertThrows(CardReadException.class, () -> SocialSecurityCard.idNumber(answer)).code());
    }

    @Test
    void refusesNamesThatAreEmptyNotGbkOrHaveInnerZeros() {
        for (byte[] value : new byte[][]{new byte[30], {(byte) 0xD5, 0, (byte) 0xC5, 0}, {(byte) 0xFF, (byte) 0xFF}, new byte[31], {0x41, 0x07, 0x41}}) {
            assertEquals(CardReadException.Code.BAD_NAME, assertThrows(CardReadException.class,
                    () -> SocialSecurityCard.name(SocialSecurityCard.recordAnswer(9, value))).code(), HEX.formatHex(value));
        }
    }

    @Test
    void randomAnswersAreParsedOrRefusedWithACode() {
        Seeded.forAll("card parsers are total over random bytes", 2000, random -> {
            byte[] answer = new byte[random.nextInt(40)];
            random.nextBytes(answer);
            if (answer.length >= 2 && random.nextBoolean()) {
                answer[answer.length - 2] = (byte) 0x90;
                answer[answer.length - 1] = 0;
            }
            for (Runnable parse : new Runnable[]{() -> CardUid.parse(answer), () -> SocialSecurityCard.cardNumber(answer),
                    () -> SocialSecurityCard.idNumber(answer), () -> SocialSecurityCard.name(answer),
                    () -> SocialSecurityCard.checkSelected(answer)}) {
                try {
                    parse.run();
                } catch (CardReadException refused) {
                    // a stable code: fine
                }
            }
        });
    }
}
