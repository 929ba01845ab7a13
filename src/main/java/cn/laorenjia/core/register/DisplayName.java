package cn.laorenjia.core.register;

import cn.laorenjia.core.refusal.InvalidEntryException;

import java.util.Objects;

/**
 * A name or other short text of the register shown to people: a canteen's, terminal's or meal set's name, a
 * district, an address. Any visible character is allowed (pages and exports show it as text, so markup in a name is
 * harmless there and neutralised in spreadsheets), but not control, format or separator characters: a line break,
 * NUL, a zero-width or bidirectional override (U+202E turns "单价" into a lie on a receipt) has no place in a name.
 * Surrounding blanks are dropped; the length limit counts characters (code points), not bytes.
 */
public final class DisplayName {

    public enum Kind {
        CANTEEN_NAME("name", "食堂名称", 100),
        TERMINAL_NAME("terminalName", "终端名称", 100),
        MEAL_SET_NAME("mealSetName", "套餐名称", 100),
        JURISDICTION("jurisdiction", "辖区", 32),
        DISTRICT("district", "区", 32),
        SUBDISTRICT("subdistrict", "街镇", 32),
        ADDRESS("address", "地址", 200),
        /** A member of staff (administrator, finance, supervisor) as shown on pages and in the audit. */
        PERSON_NAME("displayName", "姓名", 50),
        /** A canteen's cashier as shown on the counter and its reports. */
        CASHIER_NAME("name", "姓名", 40);

        private final String subject;
        private final String labelZh;
        private final int maxLength;

        Kind(String subject, String labelZh, int maxLength) {
            this.subject = subject;
            this.labelZh = labelZh;
            this.maxLength = maxLength;
        }

        public int maxLength() {
            return maxLength;
        }
    }

    private final Kind kind;
    private final String value;

    private DisplayName(Kind kind, String value) {
        this.kind = kind;
        this.value = value;
    }

    /** The text, stripped, or {@link InvalidEntryException} ({@code INVALID_NAME}). */
    public static DisplayName of(Kind kind, String text) {
        Objects.requireNonNull(kind, "kind");
        String value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            throw refused(kind, "请填写" + kind.labelZh);
        }
        if (value.codePointCount(0, value.length()) > kind.maxLength) {
            throw refused(kind, kind.labelZh + "不能超过" + kind.maxLength + "个字");
        }
        if (value.codePoints().anyMatch(DisplayName::isInvisible)) {
            throw refused(kind, kind.labelZh + "不能包含换行、制表符等控制字符或文字方向控制符");
        }
        return new DisplayName(kind, value);
    }

    /** Whether a character is not shown as itself: controls, format characters (bidi, zero-width), line breaks, unassigned. */
    static boolean isInvisible(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> true;
            default -> false;
        };
    }

    private static InvalidEntryException refused(Kind kind, String messageZh) {
        return new InvalidEntryException(InvalidEntryException.Code.INVALID_NAME, kind.subject, messageZh);
    }

    public Kind kind() {
        return kind;
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DisplayName other && other.kind == kind && other.value.equals(value);
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
