package cn.laorenjia.settlement.counter.service;

import java.time.LocalDate;
import java.util.List;

/**
 * What a counter shows before anyone is identified: its canteen, and each set on the menu with whether it
 * can be subsidised today under the policy in force (a set qualifies when its slot is covered and it costs
 * at least the canteen's standard set price: "standard or dearer").
 */
public record CounterMenu(String terminalCode, String canteenCode, String canteenName, String subdistrict,
                         long standardPriceFen, String standardPrice, LocalDate date, String ruleVersion,
                         String policyTitleZh, List<SetView> sets) {

    /**
     * @param qualifies whether a senior who is eligible and has quota left gets the subsidy with this set
     * @param whyNotZh  when it does not qualify, why, in the cashier's words; null otherwise
     */
    public record SetView(String code, String name, String slot, String slotZh, long priceFen, String price,
                          boolean qualifies, String whyNotZh) {
    }
}
