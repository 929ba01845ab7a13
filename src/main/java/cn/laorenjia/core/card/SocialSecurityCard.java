package cn.laorenjia.core.card;

import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.core.senior.InvalidIdNumberException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Card profile (b): a 社会保障卡 (social-security CPU card). The terminal sends {@link #SELECT}, then the
 * three READ RECORD commands; each answer is {@code tag | length | value} + SW. The parse methods are pure
 * functions over the answer bytes: they return the value or throw {@link CardReadException}.
 * A plain read identifies; authenticity would need a PSAM, which counters do not have.
 */
public final class SocialSecurityCard {

    private static final HexFormat HEX = HexFormat.of();
    /** SELECT by AID "sx1.sh.社会保障" (GBK). */
    public static final byte[] SELECT = HEX.parseHex("00A404000F7378312E73682EC9E7BBE1B1A3D5CF");
    /** EF05 (SFI 5) record 7: card number, tag 07. */
    public static final byte[] READ_CARD_NUMBER = HEX.parseHex("00B2072C00");
    /** EF06 (SFI 6) record 1: 社会保障号码 (the ID number), tag 08. */
    public static final byte[] READ_ID_NUMBER = HEX.parseHex("00B2013400");
    /** EF06 (SFI 6) record 2: name, 30 bytes GBK zero padded, tag 09. */
    public static final byte[] READ_NAME = HEX.parseHex("00B2023400");

    public static final int TAG_CARD_NUMBER = 0x07;
    public static final int TAG_ID_NUMBER = 0x08;
    public static final int TAG_NAME = 0x09;
    public static final int NAME_LENGTH = 30;

    public static final Charset GBK = Charset.forName("GBK");
    private static final Pattern CARD_NUMBER = Pattern.compile("[0-9A-Z]{9}");

    /** What a read yields. */
    public record Reading(String cardNumber, String idNumber, String name) {
    }

    private SocialSecurityCard() {
    }

    /** The answer to {@link #SELECT}: anything but 9000 means this is not a card we can read. */
    public static void checkSelected(byte[] response) {
        ResponseApdu answer = ResponseApdu.of(response);
        if (answer.sw() == 0x6A82 || answer.sw() == 0x6A81 || answer.sw() == 0x6D00 || answer.sw() == 0x6E00) {
            throw new CardReadException(CardReadException.Code.NOT_SOCIAL_SECURITY_CARD, "SELECT SW " + answer.swHex());
        }
        if (!answer.ok()) {
            throw new CardReadException(CardReadException.Code.CARD_ERROR, "SELECT SW " + answer.swHex());
        }
    }

    public static String cardNumber(byte[] response) {
        String number = ascii(record(response, TAG_CARD_NUMBER), CardReadException.Code.BAD_CARD_NUMBER);
        if (!CARD_NUMBER.matcher(number).matches()) {
            throw new CardReadException(CardReadException.Code.BAD_CARD_NUMBER, "not 9 letters or digits");
        }
        return number;
    }

    /** The 社会保障号码, checked as a resident ID number (length, region, birth date, check digit). */
    public static String idNumber(byte[] response) {
        String text = ascii(record(response, TAG_ID_NUMBER), CardReadException.Code.BAD_ID_NUMBER);
        try {
            return IdNumber.parse(text).value();
        } catch (InvalidIdNumberException e) {
            throw new CardReadException(CardReadException.Code.BAD_ID_NUMBER, e.code().name());
        }
    }

    public static String name(byte[] response) {
        byte[] value = record(response, TAG_NAME);
        if (value.length > NAME_LENGTH) {
            throw new CardReadException(CardReadException.Code.BAD_NAME, value.length + " bytes");
        }
        int end = value.length;
        while (end > 0 && value[end - 1] == 0) {
            end--;
        }
        byte[] text = Arrays.copyOf(value, end);
        for (byte b : text) {
            if (b == 0) {
                throw new CardReadException(CardReadException.Code.BAD_NAME, "zero byte inside the name");
            }
        }
        String name;
        try {
            name = GBK.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(text)).toString().strip();
        } catch (CharacterCodingException e) {
            throw new CardReadException(CardReadException.Code.BAD_NAME, "not GBK");
        }
        if (name.isEmpty() || name.chars().anyMatch(Character::isISOControl)) {
            throw new CardReadException(CardReadException.Code.BAD_NAME, "empty or control characters");
        }
        return name;
    }

    /** The value of a {@code tag | length | value} record answer, refusing a wrong status, tag or length. */
    public static byte[] record(byte[] response, int expectedTag) {
        ResponseApdu answer = ResponseApdu.of(response);
        switch (answer.sw()) {
            case ResponseApdu.SW_OK -> { }
            case 0x6A83, 0x6A82 -> throw new CardReadException(CardReadException.Code.RECORD_NOT_FOUND, "SW " + answer.swHex());
            case 0x6982 -> throw new CardReadException(CardReadException.Code.SECURITY_NOT_SATISFIED, "SW 6982");
            default -> throw new CardReadException(CardReadException.Code.CARD_ERROR, "SW " + answer.swHex());
        }
        byte[] data = answer.data();
        if (data.length < 2) {
            throw new CardReadException(CardReadException.Code.RESPONSE_TOO_SHORT, data.length + " data bytes");
        }
        if ((data[0] & 0xFF) != expectedTag) {
            throw new CardReadException(CardReadException.Code.WRONG_TAG,
                    String.format("tag %02X, expected %02X", data[0] & 0xFF, expectedTag));
        }
        int length = data[1] & 0xFF;
        if (data.length - 2 != length) {
            throw new CardReadException(CardReadException.Code.LENGTH_MISMATCH, "length " + length + ", " + (data.length - 2) + " bytes follow");
        }
        return Arrays.copyOfRange(data, 2, data.length);
    }

    /** The answer a card gives to a record command: for virtual cards and tests. */
    public static byte[] recordAnswer(int tag, byte[] value) {
        byte[] out = new byte[value.length + 4];
        out[0] = (byte) tag;
        out[1] = (byte) value.length;
        System.arraycopy(value, 0, out, 2, value.length);
        out[out.length - 2] = (byte) 0x90;
        return out;
    }

    /** The name as stored on the card: GBK, zero padded to 30 bytes. */
    public static byte[] nameValue(String name) {
        byte[] gbk = name.getBytes(GBK);
        if (gbk.length > NAME_LENGTH) {
            throw new IllegalArgumentException("name over 30 GBK bytes");
        }
        return Arrays.copyOf(gbk, NAME_LENGTH);
    }

    private static String ascii(byte[] value, CardReadException.Code code) {
        for (byte b : value) {
            if (b < 0x20 || b > 0x7E) {
                throw new CardReadException(code, "non-printable byte");
            }
        }
        return new String(value, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
