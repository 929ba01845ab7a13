package cn.laorenjia.core.money;

/**
 * An amount in Chinese capitals (大写金额) as written on statements and cheques, following the rules of
 * 《支付结算办法》附件一 (正确填写票据和结算凭证的基本规定):
 * <ul>
 *   <li>digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟 within a group of four, 万 and 亿 between groups; 10 is 壹拾, not 拾;</li>
 *   <li>an amount that ends at 元 or 角 ends with 整 (壹元整, 壹元伍角整); one with 分 does not (壹元零伍分);</li>
 *   <li>zeros between digits are written as one 零 (壹仟零伍元整, 壹万零伍元整, 壹亿零伍万元整); trailing zeros are not;</li>
 *   <li>when the 元 digit is 0 and 角 is not, 零 is written after 元 (壹仟陆佰捌拾元零叁角贰分, the rules' own example,
 *       which allow it with or without; we always write it); when 角 is 0 and 分 is not, 零 stands for the 角
 *       (壹元零伍分);</li>
 *   <li>zero is 零元整; an amount below one 元 starts at its first non-zero digit (伍角整, 伍分);</li>
 *   <li>a negative amount (a correction that pays back) is prefixed 负.</li>
 * </ul>
 */
public final class ChineseCapitals {

    private static final char[] DIGITS = "零壹贰叁肆伍陆柒捌玖".toCharArray();
    private static final String[] UNITS = {"", "拾", "佰", "仟"};
    private static final long WAN = 10_000L;
    private static final long YI = 100_000_000L;

    private ChineseCapitals() {
    }

    public static String of(Money amount) {
        long fen = amount.fen();
        // quotient and remainder taken before Math.abs, so Long.MIN_VALUE works too
        long yuan = Math.abs(fen / 100);
        int jiao = (int) Math.abs(fen % 100 / 10);
        int cents = (int) Math.abs(fen % 10);
        StringBuilder out = new StringBuilder();
        if (fen < 0) {
            out.append('负');
        }
        if (yuan == 0 && jiao == 0 && cents == 0) {
            return "零元整";
        }
        if (yuan > 0) {
            out.append(integer(yuan)).append('元');
        }
        if (jiao > 0) {
            if (yuan > 0 && yuan % 10 == 0) {
                out.append('零');
            }
            out.append(DIGITS[jiao]).append('角');
        }
        if (cents > 0) {
            if (jiao == 0 && yuan > 0) {
                out.append('零');
            }
            out.append(DIGITS[cents]).append('分');
        } else {
            out.append('整');
        }
        return out.toString();
    }

    /** A positive whole number in capitals: groups of four joined by 万 and 亿, a gap inside written as 零. */
    static String integer(long n) {
        if (n >= YI) {
            long low = n % YI;
            return integer(n / YI) + "亿" + (low == 0 ? "" : (low < YI / 10 ? "零" : "") + integer(low));
        }
        if (n >= WAN) {
            long low = n % WAN;
            return group((int) (n / WAN)) + "万" + (low == 0 ? "" : (low < WAN / 10 ? "零" : "") + group((int) low));
        }
        return group((int) n);
    }

    /** 1..9999 without leading zeros: 壹仟零伍, 壹仟零伍拾, 壹拾. */
    private static String group(int n) {
        StringBuilder out = new StringBuilder();
        boolean gap = false;
        for (int place = 3; place >= 0; place--) {
            int d = n / (int) Math.pow(10, place) % 10;
            if (d == 0) {
                gap = out.length() > 0;
            } else {
                if (gap) {
                    out.append('零');
                }
                out.append(DIGITS[d]).append(UNITS[place]);
                gap = false;
            }
        }
        return out.toString();
    }
}
