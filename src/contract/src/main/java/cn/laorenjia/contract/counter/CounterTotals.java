package cn.laorenjia.settlement.counter.service;

import java.time.LocalDate;

/**
 * Today's figures from the ledger for the X report (a reading during the day that closes nothing), for this
 * terminal and for its whole canteen. Amounts are net of voids: a void's reversing entry carries negated amounts.
 */
public record CounterTotals(LocalDate date, String terminalCode, String canteenCode, Figures terminal,
                            Figures canteen) {

    /**
     * @param sales          sale entries recorded (voided ones included)
     * @param voids          reversing entries
     * @param netMeals       sales − voids
     * @param subsidisedMeals subsidised sales not voided
     * @param salesFen       set prices of sales not voided
     * @param discountFen    discounts granted, net of voids
     * @param paidFen        paid by seniors, net of voids
     * @param operatingSubsidyFen owed to the canteen as operating subsidy, net of voids
     */
    public record Figures(long sales, long voids, long netMeals, long subsidisedMeals, long salesFen,
                          long discountFen, long paidFen, long operatingSubsidyFen, String salesYuan,
                          String discountYuan, String paidYuan) {
    }
}
