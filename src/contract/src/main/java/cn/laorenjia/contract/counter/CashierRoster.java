package cn.laorenjia.contract.counter;

import java.time.Instant;
import java.util.List;

/**
 * The active cashiers of a terminal's canteen with what an offline sign-in is checked against, as the central gives
 * them to the canteen's counters while the network is up (a cashier deactivated since is simply not listed).
 *
 * @param generatedAt when the central read its register (the counter trusts a roster for a limited time)
 * @param cashiers    the canteen's active cashiers, by number
 */
public record CashierRoster(Instant generatedAt, List<Entry> cashiers) {

    public CashierRoster {
        cashiers = cashiers == null ? List.of() : List.copyOf(cashiers);
    }

    /**
     * One cashier.
     *
     * @param number      the cashier's number within the canteen
     * @param name        the name shown on the cashier's screen
     * @param pinVerifier the central's bcrypt hash of the PIN (modular-crypt {@code $2a$…}); never the PIN. The
     *                    counter keeps it only sealed under its terminal secret.
     */
    public record Entry(String number, String name, String pinVerifier) {
        @Override
        public String toString() {
            return "Entry[number=" + number + ", name=" + name + ", pinVerifier=***]";
        }
    }
}
