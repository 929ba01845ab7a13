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
     * While the central cannot be reached, a cashier may sign in against the PIN hash this counter kept from their
     * last successful sign-in here, if that was at most this long ago.
     */
    @WithDefault("P7D")
    Duration offlineSignInFor();

    /** PBKDF2-HMAC-SHA256 iterations of the locally kept PIN hash. */
    @WithDefault("210000")
    int pinHashIterations();
}
