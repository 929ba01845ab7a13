package cn.laorenjia.core.card;

import cn.laorenjia.core.refusal.InvalidEntryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CardIdentifierTest {

    private static final String XSS = "<img src=x onerror=alert(1)>";

    @ParameterizedTest
    @ValueSource(strings = {"04A1B2C3", "04A1B2C3D4E5F6", "04A1B2C3D4E5F6A7B8C9", "88041234", "DEADBEEF"})
    void aUidIsFourSevenOrTenBytesOfHex(String uid) {
        assertEquals(uid, CardIdentifier.of(CardKind.UID, uid).value());
    }

    @Test
    void aUidIsKeptInUpperCaseAsTheReaderGivesIt() {
        assertEquals("04A1B2C3D4E5F6", CardIdentifier.of(CardKind.UID, " 04a1b2c3d4e5f6 ").value());
        // the same form as the reader's own parse of a UID answer
        byte[] answer = {0x04, (byte) 0xA1, (byte) 0xB2, (byte) 0xC3, (byte) 0xD4, (byte) 0xE5, (byte) 0xF6, (byte) 0x90, 0x00};
        String read = CardUid.parse(answer);
        assertEquals(read, CardIdentifier.of(CardKind.UID, read).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {XSS, "04A1B2C", "04A1B2C3D", "04A1B2C3D4E5F", "04A1B2C3D4E5F6A", "04A1B2C3D4E5F6A7B8C9D0",
            "04A1B2C3D4E5FG", "04A1 B2C3D4E5F6", "04A1-B2C3-D4E5", "０４A1B2C3D4E5F6", "04A1B2C3D4E5F６", "0x04A1B2C3",
            "08123456", "04A1B2C3D4E5F6' --", "' OR '1'='1", "04A1B2C3\u0000", "04A1B2C3\u202E", "", "   "})
    void refusesAnythingElseAsAUid(String uid) {
        refused(CardKind.UID, uid, "十六进制");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TJ2024001", "TJ1987654", "A12345678", "123456789", "TJ202400X"})
    void aSocialSecurityCardNumberIsNineLettersOrDigits(String number) {
        assertEquals(number, CardIdentifier.of(CardKind.SOCIAL_SECURITY, number).value());
        assertEquals("TJ2024001", CardIdentifier.of(CardKind.SOCIAL_SECURITY, "tj2024001").value());
    }

    @ParameterizedTest
    @ValueSource(strings = {XSS, "TJ202400", "TJ20240011", "TJ 202400", "TJ-024001", "ＴＪ2024001", "TJ２024001",
            "120224193804121223", "TJ2024001\n2", "TJ2024ı01"})
    void refusesAnythingElseAsASocialSecurityCardNumber(String number) {
        refused(CardKind.SOCIAL_SECURITY, number, "社保卡");
    }

    @ParameterizedTest
    @ValueSource(strings = {"BDQR7K3M9P2Q4R6T", "SLQR0000000000ZZ", "BDQR0123456789AB"})
    void aPrintedCodeIsTwoLettersQrAndTwelveCrockfordCharacters(String id) {
        assertEquals(id, CardIdentifier.of(CardKind.PRINTED_QR, id).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {XSS, "BDQR7K3M9P2Q4R6", "BDQR7K3M9P2Q4R6TT", "BDQR-7K3M9P2Q4R6", "BDQRIK3M9P2Q4R6T",
            "BDQROK3M9P2Q4R6T", "BDQRUK3M9P2Q4R6T", "BDQLK3M9P2Q4R6TT", "BQR7K3M9P2Q4R6TT", "BDQR7K3M9P2Q4R6Ｔ",
            "BDQR 7K3M9P2Q4R6T"})
    void refusesAnythingElseAsAPrintedCode(String id) {
        refused(CardKind.PRINTED_QR, id, "二维码");
    }

    @Test
    void refusesNullOfEveryKind() {
        for (CardKind kind : CardKind.values()) {
            refused(kind, null, "");
        }
    }

    private static void refused(CardKind kind, String text, String messagePart) {
        InvalidEntryException e = assertThrows(InvalidEntryException.class, () -> CardIdentifier.of(kind, text), text);
        assertEquals(InvalidEntryException.Code.INVALID_CARD_IDENTIFIER, e.code());
        assertEquals("cardIdentifier", e.subject());
        assertTrue(e.messageZh().contains(messagePart) && e.messageZh().matches(".*\\p{IsHan}.*"), e.messageZh());
        assertTrue(!e.messageZh().contains("<") && !e.getMessage().contains("<"), "never repeats the value");
    }
}
