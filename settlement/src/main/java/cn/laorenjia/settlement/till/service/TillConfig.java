package cn.laorenjia.settlement.till.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the central takes the till's records from the counters (see {@link TillRecords}). */
@ConfigMapping(prefix = "laorenjia.till")
public interface TillConfig {

    /**
     * How old a record may be when it arrives: a counter offline for longer has its till records refused (its own
     * journal and Z report keep them). The same bound as offline sales (laorenjia.offline.max-age).
     */
    @WithDefault("P7D")
    Duration maxAge();

    /** How far in the future of the server's clock a record's time may be (a counter's clock drift). */
    @WithDefault("PT10M")
    Duration maxClockSkew();
}
