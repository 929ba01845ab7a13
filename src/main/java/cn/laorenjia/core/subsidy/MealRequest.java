package cn.laorenjia.core.subsidy;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.calendar.WeekId;
import cn.laorenjia.core.meal.MealSlot;
import cn.laorenjia.core.money.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One meal at the counter, as the decision needs it.
 *
 * @param servedAt            the instant of the sale; its date and week are taken in Asia/Shanghai
 * @param slot                breakfast, lunch or dinner
 * @param setPrice            the price of the set the senior chose
 * @param standardSetPrice    the canteen's registered standard set price (标准套餐价格)
 * @param usedToday           subsidised meals this senior already had on the meal's date, all canteens
 * @param usedThisWeek        subsidised meals already had in the meal's natural week, all canteens
 *                            (including those of today)
 */
public record MealRequest(Instant servedAt, MealSlot slot, Money setPrice, Money standardSetPrice,
                          int usedToday, int usedThisWeek) {

    public MealRequest {
        Objects.requireNonNull(servedAt, "servedAt");
        Objects.requireNonNull(slot, "slot");
        Money.requireNonNegative(setPrice, "set price");
        Money.requireNonNegative(standardSetPrice, "standard set price");
        if (usedToday < 0 || usedThisWeek < 0) {
            throw new IllegalArgumentException("used meal counts cannot be negative");
        }
        if (usedToday > usedThisWeek) {
            // Today is part of this week: a caller passing more today than this week has mixed up its counters.
            throw new IllegalArgumentException("used today (" + usedToday + ") exceeds used this week (" + usedThisWeek + ")");
        }
    }

    public LocalDate mealDate() {
        return ChinaCalendar.mealDate(servedAt);
    }

    public WeekId week() {
        return ChinaCalendar.weekOf(mealDate());
    }
}
