package cn.laorenjia.core.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A natural week, Monday to Sunday, identified by its ISO-8601 week-based year and week number,
 * e.g. {@code 2025-W01} = Monday 2024-12-30 … Sunday 2025-01-05.
 *
 * <p>Why ISO weeks: the policy's week is the natural week Monday–Sunday, and the ISO week is exactly
 * that, with a stable id even across a year end (the days 2024-12-30 and 2025-01-05 share one id and
 * one weekly quota). Note that the week-based year can differ from the calendar year of a date.
 */
public final class WeekId implements Comparable<WeekId> {

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})-W(\\d{2})");

    private final int weekBasedYear;
    private final int week;

    private WeekId(int weekBasedYear, int week) {
        this.weekBasedYear = weekBasedYear;
        this.week = week;
    }

    public static WeekId of(int weekBasedYear, int week) {
        if (weekBasedYear < 1000 || weekBasedYear > 9999) {
            throw new IllegalArgumentException("week-based year out of range: " + weekBasedYear);
        }
        long weeksInYear = LocalDate.of(weekBasedYear, 6, 1).range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
        if (week < 1 || week > weeksInYear) {
            throw new IllegalArgumentException(weekBasedYear + " has no ISO week " + week);
        }
        return new WeekId(weekBasedYear, week);
    }

    /** The week containing the given date. */
    public static WeekId containing(LocalDate date) {
        return new WeekId(date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** Parses {@code "2025-W01"} (the format of {@link #toString()}). */
    public static WeekId parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a week id like 2025-W01: '" + text + "'");
        }
        return of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public int weekBasedYear() {
        return weekBasedYear;
    }

    public int week() {
        return week;
    }

    public LocalDate monday() {
        // 4 January is always in ISO week 1 of its year.
        return LocalDate.of(weekBasedYear, 1, 4)
                .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                .with(DayOfWeek.MONDAY);
    }

    public LocalDate sunday() {
        return monday().plusDays(6);
    }

    public boolean contains(LocalDate date) {
        return equals(containing(date));
    }

    public WeekId next() {
        return containing(monday().plusWeeks(1));
    }

    @Override
    public int compareTo(WeekId o) {
        int c = Integer.compare(weekBasedYear, o.weekBasedYear);
        return c != 0 ? c : Integer.compare(week, o.week);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeekId w && w.weekBasedYear == weekBasedYear && w.week == week;
    }

    @Override
    public int hashCode() {
        return weekBasedYear * 64 + week;
    }

    @Override
    public String toString() {
        return weekBasedYear + "-W" + (week < 10 ? "0" : "") + week;
    }
}
