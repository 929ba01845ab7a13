package cn.laorenjia.terminal.sale;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.meal.MealSlot;

import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the canteen serves breakfast, lunch and dinner (Beijing time): which meal's set the counter offers a new
 * customer. Outside every window the next meal is offered (after dinner, dinner). Immutable and checked when made:
 * each window starts before it ends, and the three follow one another without overlapping.
 */
public final class MealWindows {

    /** One meal's serving time, start inclusive, end exclusive. */
    public record Window(MealSlot slot, LocalTime start, LocalTime end) {

        public Window {
            Objects.requireNonNull(slot, "slot");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
        }

        boolean contains(LocalTime t) {
            return !t.isBefore(start) && t.isBefore(end);
        }

        @Override
        public String toString() {
            return start + "-" + end;
        }
    }

    /** The configuration's key for each meal, named in the Chinese messages so an operator finds the line to fix. */
    static final String KEY = "laorenjia.terminal.meal-windows.";

    private static final Pattern RANGE = Pattern.compile("\\s*(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})\\s*");

    private final List<Window> windows;

    private MealWindows(List<Window> windows) {
        this.windows = List.copyOf(windows);
    }

    /** The defaults of {@link MealWindowsConfig}: 06:00-09:30, 10:30-13:30, 16:30-19:00. */
    public static MealWindows defaults() {
        return of("06:00-09:30", "10:30-13:30", "16:30-19:00");
    }

    /**
     * The windows from their configured text ("HH:mm-HH:mm" each).
     *
     * @throws IllegalArgumentException with a Chinese message naming the setting, when one is not a time range, ends
     *                                  before it starts, or overlaps (or comes before) the previous meal's
     */
    public static MealWindows of(String breakfast, String lunch, String dinner) {
        List<Window> windows = List.of(window(MealSlot.BREAKFAST, "breakfast", breakfast),
                window(MealSlot.LUNCH, "lunch", lunch), window(MealSlot.DINNER, "dinner", dinner));
        for (int i = 1; i < windows.size(); i++) {
            Window before = windows.get(i - 1);
            Window w = windows.get(i);
            if (w.start().isBefore(before.end())) {
                throw new IllegalArgumentException("用餐时段设置有误：" + w.slot().labelZh() + "时段（" + w + "）与"
                        + before.slot().labelZh() + "时段（" + before + "）重叠或在其之前；三餐时段须按早、中、晚先后排列，互不重叠");
            }
        }
        return new MealWindows(windows);
    }

    private static Window window(MealSlot slot, String name, String text) {
        String key = KEY + name;
        Matcher m = RANGE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("用餐时段设置有误：" + key + "=“" + text + "”不是时段，应写成“开始-结束”，例如“10:30-13:30”");
        }
        LocalTime start = time(key, text, m.group(1));
        LocalTime end = time(key, text, m.group(2));
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("用餐时段设置有误：" + key + "=“" + text + "”的结束时间不晚于开始时间（时段不能跨过午夜）");
        }
        return new Window(slot, start, end);
    }

    private static LocalTime time(String key, String text, String hhmm) {
        try {
            return LocalTime.parse(hhmm.length() == 4 ? "0" + hhmm : hhmm);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("用餐时段设置有误：" + key + "=“" + text + "”中的“" + hhmm + "”不是有效时间（00:00–23:59）", e);
        }
    }

    /** The meal to offer at {@code time}: the one being served, else the next one, else (after the last) the last. */
    public MealSlot mealAt(LocalTime time) {
        for (Window w : windows) {
            if (time.isBefore(w.end())) {
                return w.slot(); // served now, or the next to be served
            }
        }
        return windows.get(windows.size() - 1).slot();
    }

    /** The meal to offer now by the counter's clock, read in Beijing time whatever the machine's zone. */
    public MealSlot mealAt(Clock clock) {
        return mealAt(LocalTime.ofInstant(clock.instant(), ChinaCalendar.ZONE));
    }

    public List<Window> windows() {
        return windows;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MealWindows other && windows.equals(other.windows);
    }

    @Override
    public int hashCode() {
        return windows.hashCode();
    }

    @Override
    public String toString() {
        return windows.stream().map(w -> w.slot().labelZh() + " " + w).toList().toString();
    }
}
