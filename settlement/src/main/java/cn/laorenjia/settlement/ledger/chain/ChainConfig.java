package cn.laorenjia.settlement.ledger.chain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The ledger hash chain's settings ({@code laorenjia.ledger.chain.*}). */
@ConfigMapping(prefix = "laorenjia.ledger.chain")
public interface ChainConfig {

    /** How often the sealer links new entries ("off" disables the schedule; settlement and confirmation still seal). */
    @WithDefault("5s")
    String sealEvery();

    /**
     * How long an entry may wait to be linked. The sealer links only entries recorded (database time) at most this
     * long before the chain's last seal, so an entry slipped in later with a backdated recorded_at stays unlinked,
     * and verification reports every unlinked entry older than that; entries a crash left unlinked are linked when
     * the service is back, however long it was down. Far above the scheduled interval and any transaction's life.
     */
    @WithDefault("PT10M")
    Duration horizon();

    /** The longest the chain's genesis may run (it links every entry recorded before the chain began, at once). */
    @WithDefault("PT2H")
    Duration genesisTimeout();

    /**
     * Slack for the instant between a transaction taking its start time and showing it in pg_stat_activity, during which
     * a seal does not see the transaction although its start is past: the sealer reads entries recorded that much
     * before the oldest transaction it saw open at its last seal.
     */
    @WithDefault("PT5S")
    Duration inFlightMargin();

    /** Entries read and linked per round trip while sealing. */
    @WithDefault("2000")
    int batchSize();

    /** The longest a verification's read-only transaction may run (it walks the whole chain). */
    @WithDefault("PT2H")
    Duration verifyTimeout();
}
