package cn.laorenjia.terminal.cashier;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Signing cashiers in at this counter. */
@ConfigMapping(prefix = "laorenjia.terminal.cashier")
public interface CashierConfig {

    /** A signed-in cashier is signed out after this long without a sale, void or look-up. */
    @WithDefault("PT30M")
    Duration idleTimeout();

    /**
     * How often the counter looks for a cashier idle past {@link #idleTimeout()} (the page returns to the sign-in
     * panel then); read by the scheduler of {@link CashierSession}.
     */
    @WithDefault("PT30S")
    Duration idleCheckEvery();

    /**
     * While the central cannot be reached, a cashier of the canteen signs in against the roster the central last gave
     * this counter (active cashiers and their PIN hashes, refreshed with the offline copy), if the central confirmed
     * it at most this long ago.
     */
    @WithDefault("P7D")
    Duration offlineSignInFor();

    /** Wrong PINs in a row for one number at offline sign-in before that number is refused for {@link #offlineLockFor()}. */
    @WithDefault("5")
    int offlineLockAfter();

    /** How long a number is refused offline after {@link #offlineLockAfter()} wrong PINs. */
    @WithDefault("PT5M")
    Duration offlineLockFor();
}
