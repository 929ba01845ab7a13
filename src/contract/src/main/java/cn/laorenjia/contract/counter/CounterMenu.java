package cn.laorenjia.contract.counter;

import cn.laorenjia.contract.json.MoneyJson;
import cn.laorenjia.core.money.Money;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.LocalDate;
import java.util.List;

/**
 * GET /api/counter/menu. What a counter shows before anyone is identified: its canteen, and each set on the menu
 * with whether it can be subsidised today under the policy in force (a set qualifies when its slot is covered and
 * it costs at least the canteen's standard set price: "standard or dearer").
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CounterMenu(String terminalCode, String canteenCode, String canteenName, String subdistrict,
                          @JsonProperty("standardPriceFen") Money standardPrice, LocalDate date, String ruleVersion,
                          String policyTitleZh, List<SetView> sets) {

    @JsonProperty("standardPrice")
    public String standardPriceYuan() {
        return MoneyJson.yuan(standardPrice);
    }

    /** The set of that code on this menu, or null. */
    public SetView set(String code) {
        if (sets == null) {
            return null;
        }
        for (SetView set : sets) {
            if (set.code().equals(code)) {
                return set;
            }
        }
        return null;
    }

    /**
     * @param qualifies whether a senior who is eligible and has quota left gets the subsidy with this set
     * @param whyNotZh  when it does not qualify, why, in the cashier's words; null otherwise
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SetView(String code, String name, String slot, String slotZh, @JsonProperty("priceFen") Money price,
                          boolean qualifies, String whyNotZh) {

        @JsonProperty("price")
        public String priceYuan() {
            return MoneyJson.yuan(price);
        }
    }
}
