package cn.laorenjia.contract.counter;

/**
 * The central's answer to a cashier's sign-in at a counter: who is selling now.
 *
 * @param number the cashier's number within the canteen
 * @param name   the cashier's name as the canteen registered it (shown on the cashier's screen only)
 */
public record CashierView(String number, String name) {
}
