package cn.laorenjia.core.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.laorenjia.core.testing.Seeded;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CalendarTest {

    @Test
    void mealDateIsShanghaiDateWhateverTheDefaultZone() {
        TimeZone original = TimeZone.getDefault();
        try {
            for (String zone : new String[] {"UTC", "America/Los_Angeles", "Pacific/Kiritimati", "Asia/Shanghai"}) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                assertEquals(LocalDate.of(2024, 12, 29), ChinaCalendar.mealDate(Instant.parse("2024-12-29T15:59:59Z")));
                assertEquals(LocalDate.of(2024, 12, 30), ChinaCalendar.mealDate(Instant.parse("2024-12-29T16:00:00Z")));
            }
        } finally {
            TimeZone.setDefault(original);
        }
        assertEquals("Asia/Shanghai", ChinaCalendar.ZONE.getId());
    }

    @ParameterizedTest
    @CsvSource({"2024-12-30,2025-W01", "2025-01-05,2025-W01", "2024-12-29,2024-W52", "2025-01-06,2025-W02",
            "2020-12-31,2020-W53", "2021-01-03,2020-W53", "2021-01-04,2021-W01", "2024-05-13,2024-W20"})
    void weekOf(String date, String week) {
        WeekId id = ChinaCalendar.weekOf(LocalDate.parse(date));
        assertEquals(week, id.toString());
        assertEquals(id, WeekId.parse(week));
        assertTrue(id.contains(LocalDate.parse(date)));
    }

    @Test
    void weekBounds() {
        WeekId w = WeekId.parse("2025-W01");
        assertEquals(LocalDate.of(2024, 12, 30), w.monday());
        assertEquals(LocalDate.of(2025, 1, 5), w.sunday());
        assertEquals(2025, w.weekBasedYear());
        assertEquals(1, w.week());
        assertEquals(WeekId.parse("2025-W02"), w.next());
        assertEquals(WeekId.parse("2021-W01"), WeekId.parse("2020-W53").next());
        assertFalse(w.contains(LocalDate.of(2024, 12, 29)));
        assertFalse(w.contains(LocalDate.of(2025, 1, 6)));
        assertTrue(w.compareTo(w.next()) < 0);
        assertTrue(w.next().compareTo(w) > 0);
        assertTrue(WeekId.parse("2024-W52").compareTo(w) < 0);
        assertTrue(w.compareTo(WeekId.parse("2024-W52")) > 0);
        assertEquals(0, w.compareTo(WeekId.of(2025, 1)));
        assertEquals(WeekId.of(2025, 1).hashCode(), w.hashCode());
        assertNotEquals(WeekId.of(2025, 2).hashCode(), w.hashCode());
        assertNotEquals(w, WeekId.of(2024, 1));
        assertNotEquals(w, WeekId.of(2025, 2));
        assertNotEquals(w, "2025-W01");
        assertEquals("2024-W10", WeekId.of(2024, 10).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-W00", "2025-W54", "2021-W53", "2025W01", "2025-w01", "25-W01", "2025-W1", ""})
    void refusesInvalidWeekIds(String text) {
        assertThrows(IllegalArgumentException.class, () -> WeekId.parse(text));
    }

    @Test
    void refusesOutOfRangeYears() {
        assertThrows(IllegalArgumentException.class, () -> WeekId.parse(null));
        assertThrows(IllegalArgumentException.class, () -> WeekId.of(999, 1));
        assertThrows(IllegalArgumentException.class, () -> WeekId.of(10000, 1));
        assertEquals(53, WeekId.of(2020, 53).week());
        assertEquals(1000, WeekId.of(1000, 1).weekBasedYear());
        assertEquals(9999, WeekId.of(9999, 1).weekBasedYear());
    }

    @Test
    void workingDaysAreMondayToFriday() {
        LocalDate monday = LocalDate.of(2024, 5, 13);
        for (int i = 0; i < 7; i++) {
            LocalDate d = monday.plusDays(i);
            assertEquals(i < 5, ChinaCalendar.isWorkingDay(d), d.toString());
        }
    }

    @Test
    void propertyEveryDateLiesInItsWeek() {
        Seeded.forAll("monday <= date <= sunday, week id round-trips", 300, random -> {
            LocalDate date = LocalDate.ofEpochDay(random.nextInt(60_000) - 10_000);
            WeekId week = ChinaCalendar.weekOf(date);
            assertEquals(DayOfWeek.MONDAY, week.monday().getDayOfWeek());
            assertEquals(DayOfWeek.SUNDAY, week.sunday().getDayOfWeek());
            assertFalse(date.isBefore(week.monday()));
            assertFalse(date.isAfter(week.sunday()));
            assertEquals(week, WeekId.parse(week.toString()));
            assertEquals(week, ChinaCalendar.weekOf(week.monday()));
            assertEquals(week, ChinaCalendar.weekOf(week.sunday()));
            assertEquals(week.next(), ChinaCalendar.weekOf(week.sunday().plusDays(1)));
        });
    }

    @ParameterizedTest
    @CsvSource({
            "1944-06-12,2024-06-11,79", "1944-06-12,2024-06-12,80", "1944-06-12,2024-06-13,80",
            "2000-02-29,2001-02-28,0", "2000-02-29,2001-03-01,1", "2000-02-29,2004-02-28,3", "2000-02-29,2004-02-29,4",
            "1956-02-29,2026-02-28,69", "1956-02-29,2026-03-01,70", "1990-03-01,2021-02-28,30", "1990-03-01,2021-03-01,31",
            "2024-05-13,2024-05-12,-1", "2024-05-13,2024-05-13,0", "1950-12-31,2020-12-30,69", "1950-12-31,2020-12-31,70"})
    void fullYears(String birth, String on, int age) {
        assertEquals(age, Age.fullYears(LocalDate.parse(birth), LocalDate.parse(on)));
    }

    @Test
    void leapDayBirthdays() {
        LocalDate leap = LocalDate.of(1956, 2, 29);
        assertEquals(LocalDate.of(2026, 3, 1), Age.birthdayIn(leap, 2026));
        assertEquals(LocalDate.of(2028, 2, 29), Age.birthdayIn(leap, 2028));
        assertEquals(LocalDate.of(2026, 3, 1), Age.dayReaching(leap, 70));
        assertEquals(LocalDate.of(2024, 6, 12), Age.dayReaching(LocalDate.of(1944, 6, 12), 80));
        assertEquals(LocalDate.of(2026, 2, 28), Age.birthdayIn(LocalDate.of(1956, 2, 28), 2026));
    }

    @Test
    void propertyAgeStepsUpExactlyOnTheBirthday() {
        Seeded.forAll("age increases by one exactly on each birthday", 300, random -> {
            LocalDate birth = LocalDate.ofEpochDay(random.nextInt(40_000) - 25_000);
            int years = 1 + random.nextInt(100);
            LocalDate birthday = Age.dayReaching(birth, years);
            assertEquals(years, Age.fullYears(birth, birthday));
            assertEquals(years - 1, Age.fullYears(birth, birthday.minusDays(1)));
            assertEquals(java.time.Period.between(birth, birthday.minusDays(1)).getYears(), years - 1);
        });
    }
}
