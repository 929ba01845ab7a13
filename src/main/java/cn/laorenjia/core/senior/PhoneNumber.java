package cn.laorenjia.core.senior;

import cn.laorenjia.core.refusal.InvalidEntryException;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A senior's telephone number, which the register may leave out: a mainland mobile number (11 digits, 13x–19x,
 * e.g. {@code 13800000000}) or a landline with its area code ({@code 022-29241234}, {@code 02229241234},
 * {@code 0371-6123456}). ASCII digits only: full-width digits, spaces, "+86", extensions and letters are refused,
 * so what is stored can be dialled and compared as it is.
 */
public final class PhoneNumber {

    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");
    private static final Pattern LANDLINE = Pattern.compile("0[0-9]{2,3}-?[0-9]{7,8}");

    private final String value;

    private PhoneNumber(String value) {
        this.value = value;
    }

    /** The number, surrounding blanks dropped, or {@link InvalidEntryException} ({@code INVALID_PHONE_NUMBER}). */
    public static PhoneNumber parse(String text) {
        String value = text == null ? "" : text.strip();
        if (!MOBILE.matcher(value).matches() && !LANDLINE.matcher(value).matches()) {
            throw new InvalidEntryException(InvalidEntryException.Code.INVALID_PHONE_NUMBER, "phone",
                    "电话号码须为11位手机号（如13800000000）或带区号的固定电话（如022-29241234），只用半角数字");
        }
        return new PhoneNumber(value);
    }

    /** No number when the text is absent or blank; otherwise as {@link #parse(String)}. */
    public static Optional<PhoneNumber> optional(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(parse(text));
    }

    public boolean isMobile() {
        return MOBILE.matcher(value).matches();
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PhoneNumber other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
