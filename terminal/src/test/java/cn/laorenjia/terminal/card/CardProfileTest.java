package cn.laorenjia.terminal.card;

import cn.laorenjia.core.card.CardReadException;
import cn.laorenjia.core.card.CardUid;
import cn.laorenjia.core.card.SocialSecurityCard;
import cn.laorenjia.terminal.identify.SeniorPresented;
import org.junit.jupiter.api.Test;

import javax.smartcardio.CardException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The profiles' APDU conversations, against a card simulated in memory (fast; the real stack has its own tests). */
class CardProfileTest {

    private static final HexFormat HEX = HexFormat.of();

    /** A card as a table of answers; remembers what it was sent. */
    private static final class TableCard implements CardProfile.Transmitter {
        final Map<String, byte[]> answers;
        final List<String> sent = new ArrayList<>();

        TableCard(Map<String, byte[]> answers) {
            this.answers = answers;
        }

        @Override
        public byte[] transmit(byte[] command) throws CardException {
            sent.add(HEX.formatHex(command));
            byte[] answer = answers.get(HEX.formatHex(command));
            if (answer == null) {
                throw new CardException("SCARD_W_REMOVED_CARD");
            }
            return answer;
        }
    }

    private static TableCard socialSecurity(String idNumber) {
        return new TableCard(Map.of(
                HEX.formatHex(SocialSecurityCard.SELECT), HEX.parseHex("9000"),
                HEX.formatHex(SocialSecurityCard.READ_CARD_NUMBER), SocialSecurityCard.recordAnswer(7, "TJ2024001".getBytes(StandardCharsets.US_ASCII)),
                HEX.formatHex(SocialSecurityCard.READ_ID_NUMBER), SocialSecurityCard.recordAnswer(8, idNumber.getBytes(StandardCharsets.US_ASCII)),
                HEX.formatHex(SocialSecurityCard.READ_NAME), SocialSecurityCard.recordAnswer(9, SocialSecurityCard.nameValue("赵桂兰"))));
    }

    @Test
    void uidProfileSendsGetUidOnly() throws Exception {
        TableCard card = new TableCard(Map.of(HEX.formatHex(CardUid.GET_UID), HEX.parseHex("04a1b2c3d4e5f69000")));
        assertEquals(new CardProfile.Presented(SeniorPresented.Kind.CARD_UID, "04A1B2C3D4E5F6"), CardProfile.UID.read(card));
        assertEquals(List.of("ffca000000"), card.sent);
    }

    @Test
    void socialSecurityProfileSelectsThenReadsThreeRecords() throws Exception {
        TableCard card = socialSecurity("120224196006182420");
        assertEquals(new CardProfile.Presented(SeniorPresented.Kind.SOCIAL_SECURITY_CARD, "TJ2024001"), CardProfile.SOCIAL_SECURITY.read(card));
        assertEquals(List.of(HEX.formatHex(SocialSecurityCard.SELECT), "00b2072c00", "00b2013400", "00b2023400"), card.sent);
    }

    @Test
    void socialSecurityProfileStopsAtTheFirstBadAnswer() {
        TableCard card = socialSecurity("120224196006182421");
        assertEquals(CardReadException.Code.BAD_ID_NUMBER,
                assertThrows(CardReadException.class, () -> CardProfile.SOCIAL_SECURITY.read(card)).code());
        assertEquals(3, card.sent.size(), "the name is not read after a bad ID number");
        TableCard notOurs = new TableCard(Map.of(HEX.formatHex(SocialSecurityCard.SELECT), HEX.parseHex("6a82")));
        assertEquals(CardReadException.Code.NOT_SOCIAL_SECURITY_CARD,
                assertThrows(CardReadException.class, () -> CardProfile.SOCIAL_SECURITY.read(notOurs)).code());
    }
}
