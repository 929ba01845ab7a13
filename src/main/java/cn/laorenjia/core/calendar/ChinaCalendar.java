package cn.laorenjia.core.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Dates as the policy counts them: in China Standard Time, whatever the JVM's default time zone.
 *
 * <p>Why a fixed zone: a meal at Sunday 23:59:59 in Tianjin belongs to that week even when a server
 * runs in UTC, where it is still Sunday 15:59:59, and a meal at Monday 00:00:00 Shanghai time (Sunday
 * 16:00 UTC) belongs to the next week. Nothing in the core ever calls {@code ZoneId.systemDefault()}.
 *
 * <p><b>Working days.</b> {@link #isWorkingDay(LocalDate)} is Monday to Friday. The State Council's
 * yearly statutory-holiday and adjusted-workday (调休) tables are deliberately <em>not</em> modelled:
 * they only matter for the 2019 Tianjin version ("working days only"), whose exact effective dates
 * are themselves unconfirmed, and a wrong built-in table would be worse than a stated simplification.
 * Consequence: under a working-days-only version, a weekday public holiday counts as a working day
 * and a Saturday/Sunday adjusted workday does not. See POLICY-NOTES.md.
 */
public final class ChinaCalendar {

    /** China Standard Time; China has one time zone and no daylight saving since 1991. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ChinaCalendar() {
    }

    /** The calendar date, in Asia/Shanghai, on which a meal at this instant was served. */
    public static LocalDate mealDate(Instant instant) {
        return LocalDate.ofInstant(instant, ZONE);
    }

    /** The natural week (Monday–Sunday) containing this date. */
    public static WeekId weekOf(LocalDate date) {
        return WeekId.containing(date);
    }

    /** Monday to Friday; statutory holidays and adjusted workdays are not modelled (see class doc). */
    public static boolean isWorkingDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
    }
}
