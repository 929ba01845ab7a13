package cn.laorenjia.settlement.finance;

import cn.laorenjia.settlement.settling.service.MonthFigures.DayCount;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The charts of the finance and supervision pages, drawn on the server as SVG (no script, no CDN): bars of a count
 * (meals per day, per month) and one bar of shares (how seniors were identified). Labels are escaped: names of
 * canteens and areas come from the register.
 */
public final class ChartSvg {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 300;
    private static final int LEFT = 70;
    private static final int BOTTOM = 40;
    private static final int TOP = 40;
    private static final String FONT = "'Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif";

    private ChartSvg() {
    }

    /** A bar: its label under the axis, its value, and the text of its tooltip. */
    public record Bar(String label, long value, String title) {
    }

    /** A part of a whole, with its colour. */
    public record Share(String label, long value, String colour) {
    }

    public static String subsidisedMealsPerDay(YearMonth month, List<DayCount> days) {
        Map<Integer, Long> byDay = new HashMap<>();
        for (DayCount d : days) {
            byDay.merge(d.date().getDayOfMonth(), d.meals(), Long::sum);
        }
        List<Bar> bars = new ArrayList<>();
        for (int day = 1; day <= month.lengthOfMonth(); day++) {
            long meals = byDay.getOrDefault(day, 0L);
            bars.add(new Bar(Integer.toString(day), meals, day + "日: " + meals + " 次"));
        }
        return bars(month.getYear() + "年" + month.getMonthValue() + "月 每日补贴餐次", "每日补贴餐次", "日期(日)", bars);
    }

    /**
     * Bars of counts with four gridlines at round values. Each bar carries {@code data-key} (its label) and
     * {@code data-value} for tests and for reading it aloud; finance's day chart also {@code data-day}/{@code data-meals}.
     */
    public static String bars(String title, String ariaLabel, String axisLabel, List<Bar> bars) {
        long max = 0;
        for (Bar b : bars) {
            max = Math.max(max, b.value());
        }
        long top = 4 * niceStep((max + 3) / 4); // four equal gridline steps with round labels
        int n = Math.max(1, bars.size());
        double slot = (WIDTH - LEFT - 20) / (double) n;
        int plot = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder(8192);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(escape(ariaLabel)).append("\" font-family=\"")
                .append(FONT).append("\">");
        svg.append("<text x=\"").append(LEFT).append("\" y=\"24\" font-size=\"18\" font-weight=\"bold\">")
                .append(escape(title)).append("</text>");
        for (int i = 0; i <= 4; i++) {
            long value = top * i / 4;
            double y = TOP + plot - plot * (i / 4.0);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ccc\"/>", LEFT, y, WIDTH - 20, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"13\" text-anchor=\"end\">%,d</text>", LEFT - 6, y + 4, value));
        }
        // every label when they fit, else every few (a month of days fits; 31 labels of "12月" do too)
        int labelEvery = Math.max(1, (int) Math.ceil(n / (double) ((WIDTH - LEFT) / 28)));
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double h = top == 0 ? 0 : plot * (b.value() / (double) top);
            double x = LEFT + i * slot + slot * 0.15;
            String label = escape(b.label());
            svg.append(String.format(Locale.ROOT, "<rect class=\"bar\" data-key=\"%s\" data-value=\"%d\" data-day=\"%s\" data-meals=\"%d\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#c0392b\"><title>%s</title></rect>",
                    label, b.value(), label, b.value(), x, TOP + plot - h, slot * 0.7, h, escape(b.title())));
            if (i % labelEvery == 0) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"%d\" text-anchor=\"middle\">%s</text>",
                        x + slot * 0.35, HEIGHT - BOTTOM + 16, n > 12 ? 12 : 15, label));
            }
        }
        svg.append("<text x=\"").append(WIDTH / 2).append("\" y=\"").append(HEIGHT - 6)
                .append("\" font-size=\"13\" text-anchor=\"middle\">").append(escape(axisLabel)).append("</text></svg>");
        return svg.toString();
    }

    /** One horizontal bar split into the shares of a whole, with a legend of labels and percentages. */
    public static String shares(String ariaLabel, List<Share> shares) {
        int width = 960;
        int height = 96;
        long total = 0;
        for (Share s : shares) {
            total += s.value();
        }
        StringBuilder svg = new StringBuilder(2048);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(escape(ariaLabel)).append("\" font-family=\"")
                .append(FONT).append("\">");
        double x = 10;
        double barWidth = width - 20;
        if (total == 0) {
            svg.append("<rect x=\"10\" y=\"8\" width=\"").append(width - 20)
                    .append("\" height=\"36\" fill=\"#eee\" stroke=\"#999\"/>");
        }
        for (Share s : shares) {
            double w = total == 0 ? 0 : barWidth * s.value() / total;
            svg.append(String.format(Locale.ROOT, "<rect class=\"share\" data-key=\"%s\" data-value=\"%d\" x=\"%.1f\" y=\"8\" width=\"%.1f\" height=\"36\" fill=\"%s\"><title>%s: %,d</title></rect>",
                    escape(s.label()), s.value(), x, w, s.colour(), escape(s.label()), s.value()));
            x += w;
        }
        double lx = 10;
        for (Share s : shares) {
            String pct = total == 0 ? "—" : String.format(Locale.ROOT, "%.1f%%", 100.0 * s.value() / total);
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"62\" width=\"20\" height=\"20\" fill=\"%s\"/>", lx, s.colour()));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"78\" font-size=\"18\">%s %s</text>", lx + 26,
                    escape(s.label()), pct));
            lx += 300;
        }
        return svg.append("</svg>").toString();
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
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
