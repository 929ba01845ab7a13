package cn.laorenjia.terminal.card;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "laorenjia.terminal.card")
public interface CardReaderConfig {

    /** Start the reader thread (off where no PC/SC stack is wanted, e.g. tests of other parts). */
    @WithDefault("true")
    boolean enabled();

    /** Which card the canteen's seniors carry: their UID (profile a) or a social-security CPU card (profile b). */
    @WithDefault("UID")
    CardProfile profile();

    /** Use the reader whose name contains this text; without it, the first reader PC/SC lists. */
    Optional<String> readerName();

    /**
     * How long one wait for a card may block. Short on purpose: pcsc-lite serialises calls on the JVM's one
     * context, and the thread checks for shutdown and for readers plugged in between waits.
     */
    @WithDefault("PT0.3S")
    Duration pollInterval();

    /** Pause before trying again when there is no reader or no pcscd. */
    @WithDefault("PT0.5S")
    Duration retryInterval();
}
