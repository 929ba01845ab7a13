package cn.laorenjia.settlement.finance;

import cn.laorenjia.settlement.settling.service.MonthFigures.DayCount;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A bar chart of subsidised meals per day of a month, drawn on the server as SVG (no script, no CDN). */
public final class ChartSvg {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 300;
    private static final int LEFT = 70;
    private static final int BOTTOM = 40;
    private static final int TOP = 40;

    private ChartSvg() {
    }

    public static String subsidisedMealsPerDay(YearMonth month, List<DayCount> days) {
        Map<Integer, Long> byDay = new HashMap<>();
        long max = 0;
        for (DayCount d : days) {
            byDay.merge(d.date().getDayOfMonth(), d.meals(), Long::sum);
            max = Math.max(max, byDay.get(d.date().getDayOfMonth()));
        }
        long top = 4 * niceStep((max + 3) / 4); // four equal gridline steps with round labels
        int n = month.lengthOfMonth();
        double slot = (WIDTH - LEFT - 20) / (double) n;
        int plot = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder(8192);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"每日补贴餐次\" font-family=\"'Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif\">");
        svg.append("<text x=\"").append(LEFT).append("\" y=\"24\" font-size=\"18\" font-weight=\"bold\">")
                .append(month.getYear()).append("年").append(month.getMonthValue()).append("月 每日补贴餐次</text>");
        for (int i = 0; i <= 4; i++) {
            long value = top * i / 4;
            double y = TOP + plot - plot * (i / 4.0);
            svg.append(String.format("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ccc\"/>", LEFT, y, WIDTH - 20, y));
            svg.append(String.format("<text x=\"%d\" y=\"%.1f\" font-size=\"13\" text-anchor=\"end\">%d</text>", LEFT - 6, y + 4, value));
        }
        for (int day = 1; day <= n; day++) {
            long meals = byDay.getOrDefault(day, 0L);
            double h = top == 0 ? 0 : plot * (meals / (double) top);
            double x = LEFT + (day - 1) * slot + slot * 0.15;
            svg.append(String.format("<rect class=\"bar\" data-day=\"%d\" data-meals=\"%d\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#c0392b\"><title>%d日: %d 次</title></rect>",
                    day, meals, x, TOP + plot - h, slot * 0.7, h, day, meals));
            svg.append(String.format("<text x=\"%.1f\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%d</text>",
                    x + slot * 0.35, HEIGHT - BOTTOM + 16, day));
        }
        svg.append("<text x=\"").append(WIDTH / 2).append("\" y=\"").append(HEIGHT - 6)
                .append("\" font-size=\"13\" text-anchor=\"middle\">日期(日)</text></svg>");
        return svg.toString();
    }

    /** 1, 2 or 5 times a power of ten, at least the value (and at least 1). */
    static long niceStep(long value) {
        long power = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * power >= Math.max(1, value)) {
                    return m * power;
                }
            }
            power *= 10;
        }
    }
}
