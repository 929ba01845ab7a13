package cn.laorenjia.contract.counter;

import cn.laorenjia.contract.json.MoneyJson;
import cn.laorenjia.core.money.Money;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.LocalDate;

/**
 * GET /api/counter/totals. Today's figures from the ledger for the X report (a reading during the day that closes
 * nothing), for this terminal and for its whole canteen. Amounts are net of voids: a void's reversing entry
 * carries negated amounts.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CounterTotals(LocalDate date, String terminalCode, String canteenCode, Figures terminal,
                            Figures canteen) {

    /**
     * @param sales           sale entries recorded (voided ones included)
     * @param voids           reversing entries
     * @param netMeals        sales − voids
     * @param subsidisedMeals subsidised sales not voided
     * @param salesAmount     set prices of sales not voided ({@code salesFen})
     * @param discount        discounts granted, net of voids
     * @param paid            paid by seniors, net of voids
     * @param operatingSubsidy owed to the canteen as operating subsidy, net of voids
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Figures(long sales, long voids, long netMeals, long subsidisedMeals,
                          @JsonProperty("salesFen") Money salesAmount,
                          @JsonProperty("discountFen") Money discount,
                          @JsonProperty("paidFen") Money paid,
                          @JsonProperty("operatingSubsidyFen") Money operatingSubsidy) {

        @JsonProperty("salesYuan")
        public String salesYuan() {
            return MoneyJson.yuan(salesAmount);
        }

        @JsonProperty("discountYuan")
        public String discountYuan() {
            return MoneyJson.yuan(discount);
        }

        @JsonProperty("paidYuan")
        public String paidYuan() {
            return MoneyJson.yuan(paid);
        }
    }
}
