package cn.laorenjia.core.money;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of renminbi in integer fen (分).
 *
 * <p>Why integer fen: finance staff reconcile statements to the fen, and every subsidy in the policy
 * (3 yuan discount, 2 yuan operating subsidy) is a whole number of fen. Floating point is never used,
 * not even for parsing or formatting. Every arithmetic operation is overflow-checked and throws
 * {@link ArithmeticException} rather than wrapping silently.
 */
public final class Money implements Comparable<Money> {

    public static final Money ZERO = new Money(0);

    private static final long FEN_PER_YUAN = 100;
    /** Optional minus sign, whole yuan, optionally a point and one or two fen digits. */
    private static final Pattern YUAN = Pattern.compile("(-?)(\\d+)(?:\\.(\\d{1,2}))?");

    private final long fen;

    private Money(long fen) {
        this.fen = fen;
    }

    public static Money ofFen(long fen) {
        return fen == 0 ? ZERO : new Money(fen);
    }

    public static Money ofYuan(long yuan) {
        return ofFen(Math.multiplyExact(yuan, FEN_PER_YUAN));
    }

    /**
     * Parses a yuan amount such as {@code "13.50"}, {@code "13.5"}, {@code "13"} or {@code "-3.00"}.
     * Exact: more than two decimals, exponents, spaces, thousands separators or a leading plus sign
     * are refused rather than rounded, because a price that silently changed is worse than an error.
     */
    public static Money parseYuan(String text) {
        if (text == null) {
            throw new IllegalArgumentException("amount is missing");
        }
        Matcher m = YUAN.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a yuan amount with at most 2 decimals: '" + text + "'");
        }
        long yuan;
        try {
            yuan = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
            throw new ArithmeticException("amount too large: '" + text + "'");
        }
        String decimals = m.group(3) == null ? "" : m.group(3);
        long fenPart = decimals.isEmpty() ? 0 : Long.parseLong(decimals.length() == 1 ? decimals + "0" : decimals);
        long magnitude = Math.addExact(Math.multiplyExact(yuan, FEN_PER_YUAN), fenPart);
        return ofFen(m.group(1).isEmpty() ? magnitude : Math.negateExact(magnitude));
    }

    public long fen() {
        return fen;
    }

    public Money plus(Money other) {
        return ofFen(Math.addExact(fen, other.fen));
    }

    public Money minus(Money other) {
        return ofFen(Math.subtractExact(fen, other.fen));
    }

    public Money times(long count) {
        return ofFen(Math.multiplyExact(fen, count));
    }

    public boolean isNegative() {
        return fen < 0;
    }

    public boolean isZero() {
        return fen == 0;
    }

    public boolean isLessThan(Money other) {
        return fen < other.fen;
    }

    public Money min(Money other) {
        return other.fen < fen ? other : this;
    }

    public Money max(Money other) {
        return other.fen > fen ? other : this;
    }

    /** "13.00", "0.05", "-3.00": always two decimals, no thousands separator, no currency sign. */
    public String toYuanString() {
        // Work on the quotient and remainder separately so Long.MIN_VALUE formats correctly too.
        long yuan = Math.abs(fen / FEN_PER_YUAN);
        long cents = Math.abs(fen % FEN_PER_YUAN);
        return (fen < 0 ? "-" : "") + yuan + "." + (cents < 10 ? "0" : "") + cents;
    }

    /** "12,345.67", "0.05", "-1,234.00": two decimals and a comma every three digits of the yuan, as finance reads. */
    public String toGroupedYuanString() {
        String plain = toYuanString();
        int sign = plain.startsWith("-") ? 1 : 0;
        int dot = plain.indexOf('.');
        StringBuilder out = new StringBuilder(plain.length() + 6).append(plain, 0, sign);
        for (int i = sign; i < dot; i++) {
            if (i > sign && (dot - i) % 3 == 0) {
                out.append(',');
            }
            out.append(plain.charAt(i));
        }
        return out.append(plain, dot, plain.length()).toString();
    }

    /** The amount in Chinese capitals (大写金额), e.g. 壹万贰仟叁佰肆拾伍元陆角柒分: see {@link ChineseCapitals}. */
    public String toChineseCapitals() {
        return ChineseCapitals.of(this);
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(fen, other.fen);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Money other && other.fen == fen;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(fen);
    }

    @Override
    public String toString() {
        return toYuanString();
    }

    /** Convenience for callers that hold a nullable reference. */
    public static Money requireNonNegative(Money amount, String what) {
        Objects.requireNonNull(amount, what);
        if (amount.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + amount);
        }
        return amount;
    }
}
