package cn.laorenjia.settlement.supervision.page;

import cn.laorenjia.core.money.Money;

import java.time.YearMonth;
import java.util.Locale;

/** The pages' number formats, in one place: 12,345 meals, 1,234,567.00 yuan, 12.3%. */
final class Figures {

    private Figures() {
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Yuan with thousands separators, always two decimals: exact, from the integer fen. */
    static String yuan(Money money) {
        long fen = money.fen();
        String sign = fen < 0 ? "-" : "";
        long abs = Math.abs(fen);
        return sign + String.format(Locale.ROOT, "%,d.%02d", abs / 100, abs % 100);
    }

    static String share(Double share) {
        return share == null ? "—" : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    static String month(YearMonth month) {
        return month.getYear() + "年" + month.getMonthValue() + "月";
    }
}
