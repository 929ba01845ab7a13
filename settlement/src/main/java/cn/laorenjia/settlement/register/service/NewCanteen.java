package cn.laorenjia.settlement.register.service;

import cn.laorenjia.core.meal.MealSlot;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.settlement.error.InvalidRequest;

import java.util.List;
import java.util.Objects;

/** What an administrator registers for a canteen: where it is, its standard set price, menu and terminals. */
public record NewCanteen(String code, String name, String jurisdiction, String district, String subdistrict,
                         String address, Money standardSetPrice, List<MenuItem> menu, List<NewTerminal> terminals) {

    public NewCanteen {
        Require.text(code, "code", 32);
        Require.text(name, "name", 100);
        Require.text(jurisdiction, "jurisdiction", 32);
        Require.text(district, "district", 32);
        Require.text(subdistrict, "subdistrict", 32);
        Objects.requireNonNull(standardSetPrice, "standardSetPrice");
        if (standardSetPrice.isNegative() || standardSetPrice.equals(Money.ZERO)) {
            throw InvalidRequest.of("standardSetPriceFen", "请求内容无效：标准套餐价格须大于零");
        }
        menu = List.copyOf(menu);
        terminals = List.copyOf(terminals);
    }

    public record MenuItem(String code, String name, MealSlot slot, Money price) {
        public MenuItem {
            Require.text(code, "menu code", 32);
            Require.text(name, "menu name", 100);
            Objects.requireNonNull(slot, "slot");
            Objects.requireNonNull(price, "price");
            if (price.isNegative()) {
                throw InvalidRequest.of("priceFen", "请求内容无效：套餐价格不能为负数");
            }
        }
    }

    public record NewTerminal(String code, String name) {
        public NewTerminal {
            Require.text(code, "terminal code", 40);
            Require.text(name, "terminal name", 100);
        }
    }
}
