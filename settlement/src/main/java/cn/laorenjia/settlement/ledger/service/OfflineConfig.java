package cn.laorenjia.settlement.ledger.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the central takes sales that terminals made offline (see {@link OfflineSales}). */
@ConfigMapping(prefix = "laorenjia.offline")
public interface OfflineConfig {

    /**
     * How old an offline sale may be when it is synced. Older ones are rejected (the canteen bears the discount):
     * settlement's look-back and the monthly statements must be able to take them as adjustments.
     */
    @WithDefault("P7D")
    Duration maxAge();

    /** How far in the future of the server's clock an offline sale's time may be (a terminal's clock drift). */
    @WithDefault("PT10M")
    Duration maxClockSkew();

    /**
     * Offline conflicts per terminal and day whose discount the district still reimburses: the bound on how far
     * offline selling can take a senior past the quota. Terminals stop granting offline before this (their own
     * limit, laorenjia.terminal.offline.max-subsidised-sales, defaults lower), so only a misbehaving terminal
     * reaches it.
     */
    @WithDefault("60")
    int conflictAllowancePerTerminalDay();
}
