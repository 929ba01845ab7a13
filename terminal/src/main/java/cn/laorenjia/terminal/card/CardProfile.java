package cn.laorenjia.terminal.card;

import cn.laorenjia.core.card.CardUid;
import cn.laorenjia.core.card.SocialSecurityCard;
import cn.laorenjia.terminal.identify.SeniorPresented;

import javax.smartcardio.CardException;

/** The two card profiles a canteen can choose; each knows its APDUs and what it presents. */
public enum CardProfile {

    /** Profile (a): the contactless card's UID. */
    UID {
        @Override
        Presented read(Transmitter card) throws CardException {
            return new Presented(SeniorPresented.Kind.CARD_UID, CardUid.parse(card.transmit(CardUid.GET_UID)));
        }
    },

    /**
     * Profile (b): the social-security CPU card. All three records are read and checked (a half-written or
     * foreign card is refused here, not at the register); the card number is what the register knows.
     */
    SOCIAL_SECURITY {
        @Override
        Presented read(Transmitter card) throws CardException {
            SocialSecurityCard.checkSelected(card.transmit(SocialSecurityCard.SELECT));
            String cardNumber = SocialSecurityCard.cardNumber(card.transmit(SocialSecurityCard.READ_CARD_NUMBER));
            SocialSecurityCard.idNumber(card.transmit(SocialSecurityCard.READ_ID_NUMBER));
            SocialSecurityCard.name(card.transmit(SocialSecurityCard.READ_NAME));
            return new Presented(SeniorPresented.Kind.SOCIAL_SECURITY_CARD, cardNumber);
        }
    };

    /** One command APDU out, the full answer (data + SW) back. */
    @FunctionalInterface
    interface Transmitter {
        byte[] transmit(byte[] command) throws CardException;
    }

    record Presented(SeniorPresented.Kind kind, String value) {
    }

    abstract Presented read(Transmitter card) throws CardException;
}
