package cn.laorenjia.terminal.sale;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.meal.MealSlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MealWindowsTest {

    private final MealWindows windows = MealWindows.defaults();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "00:00, BREAKFAST", // before the first window: the next meal
            "05:59, BREAKFAST",
            "06:00, BREAKFAST",
            "09:29, BREAKFAST",
            "09:30, LUNCH", // a window's end is the next meal's time to prepare for
            "10:00, LUNCH",
            "11:30, LUNCH",
            "13:29, LUNCH",
            "13:30, DINNER",
            "15:30, DINNER",
            "16:30, DINNER",
            "18:59, DINNER",
            "19:00, DINNER", // after the last window: the last meal
            "23:59, DINNER"})
    void theMealOfferedFollowsTheClock(LocalTime time, MealSlot meal) {
        assertEquals(meal, windows.mealAt(time));
    }

    @Test
    void theClockIsReadInBeijingTimeWhateverItsZone() {
        // 03:30 UTC is 11:30 in Beijing: lunch, not breakfast
        Clock utc = Clock.fixed(ZonedDateTime.of(2026, 11, 16, 3, 30, 0, 0, ZoneOffset.UTC).toInstant(), ZoneOffset.UTC);
        assertEquals(MealSlot.LUNCH, windows.mealAt(utc));
        Clock beijing = Clock.fixed(ZonedDateTime.of(2026, 11, 16, 7, 0, 0, 0, ChinaCalendar.ZONE).toInstant(), ChinaCalendar.ZONE);
        assertEquals(MealSlot.BREAKFAST, windows.mealAt(beijing));
    }

    @Test
    void configuredWindowsAreUsed() {
        MealWindows late = MealWindows.of("7:00-10:00", " 11:00 - 14:00 ", "17:00-20:00");
        assertEquals(MealSlot.BREAKFAST, late.mealAt(LocalTime.of(9, 45)));
        assertEquals(MealSlot.LUNCH, late.mealAt(LocalTime.of(10, 15)));
        assertEquals(MealSlot.DINNER, late.mealAt(LocalTime.of(19, 30)));
        assertEquals("07:00", late.windows().get(0).start().toString());
    }

    @Test
    void overlappingWindowsAreRefusedInChinese() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MealWindows.of("06:00-11:00", "10:30-13:30", "16:30-19:00"));
        assertEquals("用餐时段设置有误：午餐时段（10:30-13:30）与早餐时段（06:00-11:00）重叠或在其之前；三餐时段须按早、中、晚先后排列，互不重叠",
                e.getMessage());
        // out of order counts as overlapping
        assertThrows(IllegalArgumentException.class, () -> MealWindows.of("06:00-09:30", "17:00-19:00", "10:30-13:30"));
    }

    @ParameterizedTest
    @CsvSource(value = {
            "lunch | 午饭 | 不是时段",
            "lunch | 10:30 | 不是时段",
            "lunch | '' | 不是时段",
            "lunch | 10:30-25:00 | 不是有效时间",
            "lunch | 10:61-13:00 | 不是有效时间",
            "lunch | 13:30-10:30 | 结束时间不晚于开始时间",
            "dinner | 18:00-18:00 | 结束时间不晚于开始时间",
            "breakfast | 22:00-02:00 | 结束时间不晚于开始时间"}, delimiter = '|')
    void garbageIsRefusedInChineseNamingTheSetting(String meal, String text, String why) {
        String b = meal.equals("breakfast") ? text : "06:00-09:30";
        String l = meal.equals("lunch") ? text : "10:30-13:30";
        String d = meal.equals("dinner") ? text : "16:30-19:00";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MealWindows.of(b, l, d));
        assertTrue(e.getMessage().startsWith("用餐时段设置有误：laorenjia.terminal.meal-windows." + meal + "="), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void aMissingSettingIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MealWindows.of(null, "10:30-13:30", "16:30-19:00"));
    }
}
