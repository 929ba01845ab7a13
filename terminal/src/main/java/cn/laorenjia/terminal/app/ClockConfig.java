package cn.laorenjia.terminal.app;

import io.smallrye.config.ConfigMapping;

import java.time.Instant;
import java.util.Optional;

/** The counter's clock (see {@link ClockProducer}). */
@ConfigMapping(prefix = "laorenjia.terminal.clock")
public interface ClockConfig {

    /**
     * Runs this counter's clock from this instant on (then ticking), for a rehearsal or an end-to-end test on a known
     * day, beside a central started with the same {@code laorenjia.clock.start}. Unset in production: the counter
     * then reads the system clock. Logged loudly when set.
     */
    Optional<Instant> start();
}
