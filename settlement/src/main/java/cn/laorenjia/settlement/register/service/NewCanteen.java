package cn.laorenjia.settlement.register.service;

import cn.laorenjia.core.meal.MealSlot;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.register.Code;
import cn.laorenjia.core.register.DisplayName;
import cn.laorenjia.settlement.error.InvalidRequest;

import java.util.List;
import java.util.Objects;

/**
 * What an administrator registers for a canteen: where it is, its standard set price, menu and terminals. Codes and
 * names are checked here, through the core's {@link Code} and {@link DisplayName}, and kept in their normal form.
 */
public record NewCanteen(String code, String name, String jurisdiction, String district, String subdistrict,
                         String address, Money standardSetPrice, List<MenuItem> menu, List<NewTerminal> terminals) {

    public NewCanteen {
        code = Code.canteen(code).value();
        name = DisplayName.of(DisplayName.Kind.CANTEEN_NAME, name).value();
        jurisdiction = DisplayName.of(DisplayName.Kind.JURISDICTION, jurisdiction).value();
        district = DisplayName.of(DisplayName.Kind.DISTRICT, district).value();
        subdistrict = DisplayName.of(DisplayName.Kind.SUBDISTRICT, subdistrict).value();
        address = address == null || address.isBlank() ? null : DisplayName.of(DisplayName.Kind.ADDRESS, address).value();
        Objects.requireNonNull(standardSetPrice, "standardSetPrice");
        if (standardSetPrice.isNegative() || standardSetPrice.equals(Money.ZERO)) {
            throw InvalidRequest.of("standardSetPriceFen", "请求内容无效：标准套餐价格须大于零");
        }
        menu = List.copyOf(menu);
        terminals = List.copyOf(terminals);
    }

    public record MenuItem(String code, String name, MealSlot slot, Money price) {
        public MenuItem {
            code = Code.mealSet(code).value();
            name = DisplayName.of(DisplayName.Kind.MEAL_SET_NAME, name).value();
            Objects.requireNonNull(slot, "slot");
            Objects.requireNonNull(price, "price");
            if (price.isNegative()) {
                throw InvalidRequest.of("priceFen", "请求内容无效：套餐价格不能为负数");
            }
        }
    }

    public record NewTerminal(String code, String name) {
        public NewTerminal {
            code = Code.terminal(code).value();
            name = DisplayName.of(DisplayName.Kind.TERMINAL_NAME, name).value();
        }
    }
}
