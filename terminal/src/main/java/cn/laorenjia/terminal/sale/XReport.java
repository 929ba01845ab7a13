package cn.laorenjia.terminal.sale;

import cn.laorenjia.contract.counter.CounterTotals;

import java.time.LocalDate;
import java.util.List;

/**
 * The X report the cashier page shows (F8): today's figures of this terminal and its canteen from the central's
 * ledger, and this counter's sales per cashier today from its own journal.
 *
 * @param cashiers one line per cashier who sold here today, by number; a null number for sales made before cashiers
 *                 signed in
 */
public record XReport(LocalDate date, String terminalCode, String canteenCode, CounterTotals.Figures terminal,
                      CounterTotals.Figures canteen, List<CashierLine> cashiers) {

    /**
     * @param name    the cashier's name as this counter knows it from a sign-in here, or null
     * @param sales   sales the cashier confirmed and the central did not refuse (voids not subtracted: a void needs the
     *                central, and this counter journals sales only)
     * @param waiting of them, sales still waiting for the central's answer (offline)
     */
    public record CashierLine(String number, String name, long sales, long waiting) {
    }
}
