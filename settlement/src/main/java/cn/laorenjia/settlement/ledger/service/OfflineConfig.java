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
     * reaches it; and conflicts count against {@link #allowancePerTerminalDay()} too, so this bites only when that
     * allowance is set above it.
     */
    @WithDefault("60")
    int conflictAllowancePerTerminalDay();

    /**
     * Offline sales per terminal and meal day the district pays for at all (confirmed and conflicts together),
     * counted by this service: beyond it an offline sale is rejected ({@code OFFLINE_SALES_ALLOWANCE_EXCEEDED}) and
     * the canteen bears its discount, whatever the terminal's own limit (laorenjia.terminal.offline
     * .max-subsidised-sales, also 40 by default) let it grant.
     */
    @WithDefault("40")
    int allowancePerTerminalDay();

    /**
     * The contact rule's window: a sale claimed offline at a moment when this service answered that terminal both
     * within this long before and within this long after it is rejected ({@code TERMINAL_WAS_ONLINE}). Zero asks for
     * an answer at the claimed instant itself, which in effect turns the rule off.
     */
    @WithDefault("PT60S")
    Duration contactWindow();

    /** How often the answers to terminals, buffered in memory, are written to {@code terminal_contact}. */
    @WithDefault("PT5S")
    Duration contactFlushEvery();
}
