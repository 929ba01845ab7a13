package cn.laorenjia.core.calendar;

import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.Year;

/**
 * Age in full years (周岁) on a given day.
 *
 * <p>Rule: a person reaches age N on their N-th birthday itself (not the day after), which is how
 * age thresholds for elderly benefits are applied in practice: an 80-year-old is 80 from the morning
 * of the birthday.
 *
 * <p><b>29 February.</b> In a non-leap year a person born on 29 February has their birthday on
 * <b>1 March</b>: on 28 February they have not yet completed the full year (the anniversary day does
 * not exist yet), on 1 March they have. This is the conservative reading of "full years" (周岁) —
 * never count a year before it has fully elapsed — and it matches {@link java.time.Period#between}.
 * The alternative (28 February, from 民法典 art. 202's "month-end when there is no corresponding day")
 * was considered and rejected; see POLICY-NOTES.md.
 */
public final class Age {

    private static final MonthDay LEAP_DAY = MonthDay.of(Month.FEBRUARY, 29);

    private Age() {
    }

    /** Full years completed on {@code on}; negative if {@code on} is before the birth date. */
    public static int fullYears(LocalDate birthDate, LocalDate on) {
        int years = on.getYear() - birthDate.getYear();
        return on.isBefore(birthdayIn(birthDate, on.getYear())) ? years - 1 : years;
    }

    /** The day in {@code year} on which the birthday is celebrated: 1 March for 29 February births in common years. */
    public static LocalDate birthdayIn(LocalDate birthDate, int year) {
        if (MonthDay.from(birthDate).equals(LEAP_DAY) && !Year.isLeap(year)) {
            return LocalDate.of(year, Month.MARCH, 1);
        }
        return birthDate.withYear(year);
    }

    /** The first day on which the person is {@code years} old (the {@code years}-th birthday). */
    public static LocalDate dayReaching(LocalDate birthDate, int years) {
        return birthdayIn(birthDate, birthDate.getYear() + years);
    }
}
