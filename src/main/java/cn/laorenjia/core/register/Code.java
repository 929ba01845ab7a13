package cn.laorenjia.core.register;

import cn.laorenjia.core.refusal.InvalidEntryException;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The code of a canteen, terminal or meal set: upper-case ASCII letters, digits and hyphens, beginning and ending
 * with a letter or digit ({@code BD-HB-01}, {@code BD-HB-01-T1}, {@code L01}). Codes travel in paths, headers
 * ({@code Authorization: Terminal <code>:...}), file names, reports and spreadsheets, so nothing else is allowed:
 * no spaces, markup, quotes or full-width characters. Surrounding blanks are dropped; lower case is refused rather
 * than changed, since a code is looked up exactly as written.
 */
public final class Code {

    public enum Kind {
        CANTEEN("canteenCode", "食堂编码", 32, "BD-HB-01"),
        /** A canteen's code plus a suffix ("-T1"), hence longer. */
        TERMINAL("terminalCode", "终端编码", 40, "BD-HB-01-T1"),
        MEAL_SET("mealSetCode", "套餐编码", 32, "L01");

        private final String subject;
        private final String labelZh;
        private final int maxLength;
        private final String example;

        Kind(String subject, String labelZh, int maxLength, String example) {
            this.subject = subject;
            this.labelZh = labelZh;
            this.maxLength = maxLength;
            this.example = example;
        }

        public int maxLength() {
            return maxLength;
        }

        public String labelZh() {
            return labelZh;
        }
    }

    private static final Pattern SHAPE = Pattern.compile("[A-Z0-9](?:[A-Z0-9-]*[A-Z0-9])?");

    private final Kind kind;
    private final String value;

    private Code(Kind kind, String value) {
        this.kind = kind;
        this.value = value;
    }

    /** The code, or {@link InvalidEntryException} ({@code INVALID_CODE}) saying what a code of this kind looks like. */
    public static Code of(Kind kind, String text) {
        Objects.requireNonNull(kind, "kind");
        String value = text == null ? "" : text.strip();
        if (value.isEmpty() || value.length() > kind.maxLength || !SHAPE.matcher(value).matches()) {
            throw new InvalidEntryException(InvalidEntryException.Code.INVALID_CODE, kind.subject,
                    kind.labelZh + "须为1至" + kind.maxLength + "位大写英文字母、数字或连字符（-），以字母或数字开头和结尾，如 "
                            + kind.example);
        }
        return new Code(kind, value);
    }

    public static Code canteen(String text) {
        return of(Kind.CANTEEN, text);
    }

    public static Code terminal(String text) {
        return of(Kind.TERMINAL, text);
    }

    public static Code mealSet(String text) {
        return of(Kind.MEAL_SET, text);
    }

    public Kind kind() {
        return kind;
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Code other && other.kind == kind && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
