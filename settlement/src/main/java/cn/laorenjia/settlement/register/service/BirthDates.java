package cn.laorenjia.settlement.register.service;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Whether a date would give away a birth date. The register dates facts from birthdays (本市户籍 from birth, a route
 * from the 80th birthday, ...): anyone who sees such a date and the masked ID number (whose birth digits are hidden)
 * learns the birth date. A date within a day of any birthday (the day before covers 周岁 counted to the eve) is
 * therefore withheld from everyone who may not see the birth date.
 */
final class BirthDates {

    private BirthDates() {
    }

    static boolean revealed(LocalDate date, LocalDate birthDate) {
        if (date == null || birthDate == null) {
            return false;
        }
        for (int year = date.getYear() - 1; year <= date.getYear() + 1; year++) {
            // withYear keeps 29 February births on the 28th in common years
            LocalDate birthday = birthDate.withYear(year);
            if (Math.abs(ChronoUnit.DAYS.between(birthday, date)) <= 1) {
                return true;
            }
        }
        return false;
    }
}
