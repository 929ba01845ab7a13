package cn.laorenjia.contract.counter;

/**
 * POST /api/counter/cashiers/sign-in: a counter asks the central whether this cashier of its canteen may sign in.
 *
 * @param number the cashier's number within the canteen (digits, as printed on the staff badge)
 * @param pin    the PIN the cashier typed (digits); never stored by the counter in clear
 */
public record CashierSignInRequest(String number, String pin) {

    /** The PIN never reaches a log through toString. */
    @Override
    public String toString() {
        return "CashierSignInRequest[number=" + number + ", pin=***]";
    }
}
