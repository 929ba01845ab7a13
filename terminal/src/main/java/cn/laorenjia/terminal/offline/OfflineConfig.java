package cn.laorenjia.terminal.offline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;

/** How this counter keeps selling when the central service cannot be reached (README: 断网时). */
@ConfigMapping(prefix = "laorenjia.terminal.offline")
public interface OfflineConfig {

    /** Where the sale journal and the cached copy live: on this machine's disk, never on a network share. */
    Path dataDir();

    /** Whether the counter grants subsidies offline at all; without it offline sales are charged in full. */
    @WithDefault("true")
    boolean grantSubsidies();

    /**
     * Subsidised sales this terminal grants offline per day, at most: the bound on what the canteen can be asked
     * to bear if the central later finds conflicts. Keep it at or below the central's
     * laorenjia.offline.conflict-allowance-per-terminal-day (default 60).
     */
    @WithDefault("40")
    int maxSubsidisedSales();

    /** A cached copy older than this is not trusted to grant subsidies. */
    @WithDefault("PT24H")
    Duration maxCopyAge();

    /** How often the cached copy is refreshed while the central is reachable. */
    @WithDefault("PT5M")
    Duration refreshInterval();

    /** After a failed call, how long the counter goes straight to offline decisions before trying the central again. */
    @WithDefault("PT20S")
    Duration offlineBackoff();

    /**
     * A live sale still unanswered after this is an orphan (the cashier moved on, or the terminal restarted before
     * the answer came): the sync sends it with its sale id, so it ends up recorded exactly once.
     */
    @WithDefault("PT30S")
    Duration orphanAfter();

    /** Sales per sync request at most (the central takes at most 200). */
    @WithDefault("200")
    int syncBatchSize();

    /**
     * Bytes of sales per sync request at most: the central refuses bodies over 64 KiB, and a QR sale is longer than
     * a card sale, so a batch is cut at whichever bound it reaches first.
     */
    @WithDefault("61440")
    int syncMaxBytes();

    /** How often queued sales are sent while there are some. */
    @WithDefault("PT2S")
    Duration syncInterval();
}
