package cn.laorenjia.settlement.availability;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How the service behaves when its database fails or stalls (README "数据库故障时"). The pool's own timeouts
 * (acquisition, connect, socket) are in application.properties beside the datasource; these are the service's.
 */
@ConfigMapping(prefix = "laorenjia.database")
public interface DatabaseConfig {

    /** The counter's paths (sale, void, offline sync, quota, preview, terminal sign-in): {@link CounterPath}. */
    CounterPathTimeouts counter();

    /** What a 503 tells the caller to wait before trying again (Retry-After, seconds). */
    @WithDefault("PT2S")
    Duration retryAfter();

    /** The commit probe behind readiness ({@link CommitProbe}). */
    Probe probe();

    interface CounterPathTimeouts {

        /**
         * statement_timeout of a counter transaction (SET LOCAL): a statement that waits on a lock or a slow server
         * is cancelled by the server and the connection stays usable. Well under the counter's 8 s read timeout.
         */
        @WithDefault("PT3S")
        Duration statementTimeout();

        /**
         * The socket timeout of a counter transaction's connection (JDBC network timeout), the bound the server cannot
         * break: a COMMIT waiting for a synchronous standby is not cancelled by statement_timeout. Pool acquisition
         * (2 s) plus this stays under the counter's 8 s read timeout. Reset when the connection returns to the pool,
         * so batch work never inherits it.
         */
        @WithDefault("PT5S")
        Duration networkTimeout();
    }

    interface Probe {

        /** How often the background probe commits its tiny transaction ("off": only when readiness is asked). */
        @WithDefault("PT5S")
        String every();

        /** Readiness is DOWN when a probe's commit has not finished within this (asked from the Java side). */
        @WithDefault("PT3S")
        Duration bound();

        /** The probe connection's socket timeout: a stalled probe gives its connection back after this. */
        @WithDefault("PT30S")
        Duration networkTimeout();
    }
}
