package cn.laorenjia.core.senior;

/**
 * Masking of personal names for anyone who does not need them in full: the family name and the last
 * character stay, the rest becomes "*" (张三 → 张*, 张三丰 → 张*丰, 欧阳娜娜 → 欧**娜).
 */
public final class PersonName {

    private PersonName() {
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
