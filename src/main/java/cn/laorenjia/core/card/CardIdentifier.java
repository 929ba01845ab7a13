package cn.laorenjia.core.card;

import cn.laorenjia.core.refusal.InvalidEntryException;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A card's identifier in the form its kind has, checked where a card is issued and where a counter presents one:
 * <ul>
 *   <li>{@link CardKind#UID}: the ISO 14443-3 UID as hex, 4, 7 or 10 bytes (8, 14 or 20 digits); a 4-byte UID
 *       beginning 08 is random per tap and identifies nobody;</li>
 *   <li>{@link CardKind#SOCIAL_SECURITY}: the 社会保障卡's 9-character card number (letters and digits);</li>
 *   <li>{@link CardKind#PRINTED_QR}: two letters of the district, "QR" and 12 characters of Crockford base 32
 *       ({@code BDQR7K3M9P2Q4R6T}).</li>
 * </ul>
 * Letters may arrive in lower case (typed, or from another reader's software) and are kept upper case, as the
 * readers and the register write them; only ASCII is accepted, so a full-width digit or a look-alike letter cannot
 * name a second card.
 */
public final class CardIdentifier {

    private static final Pattern UID = Pattern.compile("(?:[0-9A-Fa-f]{8}|[0-9A-Fa-f]{14}|[0-9A-Fa-f]{20})");
    /** As printed on the card and read from record 07 of EF05 (which {@link SocialSecurityCard} reads in upper case). */
    private static final Pattern SOCIAL_SECURITY_NUMBER = Pattern.compile("[0-9A-Za-z]{9}");
    private static final Pattern PRINTED_QR = Pattern.compile("[A-Za-z]{2}[Qq][Rr][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{12}");

    private final CardKind kind;
    private final String value;

    private CardIdentifier(CardKind kind, String value) {
        this.kind = kind;
        this.value = value;
    }

    /** The identifier (stripped, upper case), or {@link InvalidEntryException} ({@code INVALID_CARD_IDENTIFIER}). */
    public static CardIdentifier of(CardKind kind, String text) {
        Objects.requireNonNull(kind, "kind");
        String value = text == null ? "" : text.strip();
        boolean wellFormed = switch (kind) {
            case UID -> UID.matcher(value).matches() && !(value.length() == 8 && value.startsWith("08"));
            case SOCIAL_SECURITY -> SOCIAL_SECURITY_NUMBER.matcher(value).matches();
            case PRINTED_QR -> PRINTED_QR.matcher(value).matches();
        };
        if (!wellFormed) {
            throw new InvalidEntryException(InvalidEntryException.Code.INVALID_CARD_IDENTIFIER, "cardIdentifier",
                    switch (kind) {
                        case UID -> "卡号（UID）须为8、14或20位十六进制数字（0-9、A-F），如 04A1B2C3D4E5F6；以08开头的8位卡号是随机卡号，不能使用";
                        case SOCIAL_SECURITY -> "社保卡卡号须为9位英文字母或数字，如 TJ2024001";
                        case PRINTED_QR -> "纸质二维码编号须为两位字母加 QR 和12位字母数字，如 BDQR7K3M9P2Q4R6T";
                    });
        }
        // ASCII only (checked above), so the root locale's upper case changes nothing but a-z
        return new CardIdentifier(kind, value.toUpperCase(Locale.ROOT));
    }

    public CardKind kind() {
        return kind;
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CardIdentifier other && other.kind == kind && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + value.hashCode();
    }

    @Override
    public String toString() {
        return kind + ":" + value;
    }
}
