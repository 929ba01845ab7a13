package cn.laorenjia.core.card;

import java.util.HexFormat;

/**
 * Card profile (a): the contactless card's UID from the PC/SC reader's {@code FF CA 00 00 00} (get data).
 * An identifier, not a proof: UIDs can be cloned. ISO 14443-3 type A UIDs are 4, 7 or 10 bytes; a 4-byte
 * UID starting 0x08 is random per tap and is refused.
 */
public final class CardUid {

    /** PC/SC "get data: UID" (PC/SC part 3), answered by the reader itself for most contactless cards. */
    public static final byte[] GET_UID = {(byte) 0xFF, (byte) 0xCA, 0x00, 0x00, 0x00};

    private CardUid() {
    }

    /** The UID in upper-case hex from the answer to {@link #GET_UID}, or {@link CardReadException}. */
    public static String parse(byte[] response) {
        ResponseApdu answer = ResponseApdu.of(response);
        if (answer.sw() == 0x6A81) {
            throw new CardReadException(CardReadException.Code.UID_NOT_SUPPORTED, "6A81");
        }
        if (!answer.ok()) {
            throw new CardReadException(CardReadException.Code.CARD_ERROR, "SW " + answer.swHex());
        }
        byte[] uid = answer.data();
        if (uid.length != 4 && uid.length != 7 && uid.length != 10) {
            throw new CardReadException(CardReadException.Code.BAD_UID_LENGTH, uid.length + " bytes");
        }
        if (uid.length == 4 && uid[0] == 0x08) {
            throw new CardReadException(CardReadException.Code.RANDOM_UID, "random 4-byte UID");
        }
        return HexFormat.of().withUpperCase().formatHex(uid);
    }
}
