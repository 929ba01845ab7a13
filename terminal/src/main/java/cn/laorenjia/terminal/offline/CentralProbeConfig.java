package cn.laorenjia.terminal.offline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The light probe of the central while the counter is idle ({@link CentralProbe}): one small request per interval,
 * so that the offline banner comes within about (misses × interval) + timeout of the link going (≤ 4 s with the
 * defaults), and goes at the first probe answered after it is back.
 */
@ConfigMapping(prefix = "laorenjia.terminal.probe")
public interface CentralProbeConfig {

    /** Whether the counter probes the central at all (off: the link's state is learnt from sales only). */
    @WithDefault("true")
    boolean enabled();

    /** Time between two probes (the scheduler's "every"). */
    @WithDefault("PT1.5S")
    Duration interval();

    /** How long a probe waits to connect and for the answer: longer counts as no answer. */
    @WithDefault("PT1S")
    Duration timeout();

    /**
     * Probes in a row without an answer before the counter goes offline: one slow answer (a busy central, a GC pause)
     * must not send a lunch queue to offline decisions.
     */
    @WithDefault("2")
    int missesBeforeOffline();
}
