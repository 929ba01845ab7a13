package cn.laorenjia.core.senior;

/**
 * Personal names: what the register accepts, and masking for anyone who does not need them in full (the
 * family name and the last character stay, the rest becomes "*": 张三 → 张*, 张三丰 → 张*丰, 欧阳娜娜 → 欧**娜).
 */
public final class PersonName {

    /** Longest name accepted, in code points (ethnic-minority names in transliteration run long). */
    public static final int MAX_LENGTH = 50;

    private PersonName() {
    }

    /**
     * The name as the register keeps it (surrounding blanks removed), or IllegalArgumentException. A name
     * is letters of any script with the marks that belong to them, joined by the middle dot of minority and
     * foreign names (· U+00B7, • U+2022, ・ U+30FB), single spaces, hyphens, apostrophes or full stops. Digits,
     * brackets, semicolons, quotes, control characters and the like are not part of anyone's name; refusing
     * them keeps markup and query fragments out of receipts, exports and the cashier's screen.
     */
    public static String requireValid(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("请填写姓名 name");
        }
        String stripped = name.strip();
        int[] cp = stripped.codePoints().toArray();
        if (cp.length > MAX_LENGTH) {
            throw new IllegalArgumentException("姓名 name 不能超过" + MAX_LENGTH + "个字");
        }
        if (!Character.isLetter(cp[0]) || !Character.isLetter(cp[cp.length - 1]) && !isMark(cp[cp.length - 1])) {
            throw new IllegalArgumentException("姓名 name 须以文字开头和结尾");
        }
        for (int i = 1; i < cp.length; i++) {
            int c = cp[i];
            if (Character.isLetter(c) || isMark(c)) {
                continue;
            }
            if (!isJoiner(c)) {
                throw new IllegalArgumentException("姓名 name 只能包含文字、间隔号（·）、空格、连字符、撇号和句点");
            }
            if (isJoiner(cp[i - 1]) && !(cp[i - 1] == '.' && c == ' ')) { // "J. Smith" is fine
                throw new IllegalArgumentException("姓名 name 中不能连续出现两个分隔符号");
            }
        }
        return stripped;
    }

    private static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    private static boolean isJoiner(int c) {
        return c == '\u00B7' || c == '\u2022' || c == '\u30FB' || c == ' ' || c == '-' || c == '\'' || c == '.';
    }

    public static String masked(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        int[] cp = name.strip().codePoints().toArray();
        if (cp.length == 1) {
            return "*";
        }
        StringBuilder b = new StringBuilder().appendCodePoint(cp[0]);
        if (cp.length == 2) {
            return b.append('*').toString();
        }
        b.append("*".repeat(cp.length - 2));
        return b.appendCodePoint(cp[cp.length - 1]).toString();
    }
}
