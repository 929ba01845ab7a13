package cn.laorenjia.terminal.sale;

import cn.laorenjia.contract.counter.CounterMenu;
import cn.laorenjia.core.meal.MealSlot;
import cn.laorenjia.core.money.Money;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The set a new customer is offered: the standard (cheapest qualifying) set of the meal being served. */
class DefaultSetTest {

    /** The sample canteen's menu as the central lists it: by meal, the dearest first; standard price 13 yuan. */
    private static final CounterMenu MENU = menu(
            set("B02", MealSlot.BREAKFAST, 13, true), set("B01", MealSlot.BREAKFAST, 6, false),
            set("L02", MealSlot.LUNCH, 16, true), set("L01", MealSlot.LUNCH, 13, true), set("L04", MealSlot.LUNCH, 13, true),
            set("L03", MealSlot.LUNCH, 9, false),
            set("D01", MealSlot.DINNER, 13, true), set("D02", MealSlot.DINNER, 8, false));

    @Test
    void eachMealsStandardSetNeverTheDearerOne() {
        assertEquals("B02", SaleFlow.defaultSet(MENU, MealSlot.BREAKFAST));
        assertEquals("L01", SaleFlow.defaultSet(MENU, MealSlot.LUNCH)); // not 午餐优选 (16), and L01 before L04 on a tie
        assertEquals("D01", SaleFlow.defaultSet(MENU, MealSlot.DINNER));
    }

    @Test
    void withoutAQualifyingSetOfTheMealTheCheapestQualifyingOfAnyMealThenTheFirst() {
        CounterMenu noQualifyingDinner = menu(set("L02", MealSlot.LUNCH, 16, true), set("L01", MealSlot.LUNCH, 13, true),
                set("D02", MealSlot.DINNER, 8, false));
        assertEquals("L01", SaleFlow.defaultSet(noQualifyingDinner, MealSlot.DINNER));
        CounterMenu noneQualifies = menu(set("D02", MealSlot.DINNER, 8, false), set("L03", MealSlot.LUNCH, 9, false));
        assertEquals("D02", SaleFlow.defaultSet(noneQualifies, MealSlot.LUNCH));
    }

    private static CounterMenu.SetView set(String code, MealSlot slot, long yuan, boolean qualifies) {
        return new CounterMenu.SetView(code, code, slot.name(), slot.labelZh(), Money.ofYuan(yuan), qualifies,
                qualifies ? null : "低于标准套餐价格");
    }

    private static CounterMenu menu(CounterMenu.SetView... sets) {
        return new CounterMenu("T1", "C1", "测试食堂", "海滨街道", Money.ofYuan(13), LocalDate.of(2026, 11, 16), "v1", "规则",
                List.of(sets));
    }
}
