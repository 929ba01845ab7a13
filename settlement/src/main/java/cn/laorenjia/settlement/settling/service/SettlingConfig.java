package cn.laorenjia.settlement.settling.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The settlement run's settings ({@code laorenjia.settlement.*}). */
@ConfigMapping(prefix = "laorenjia.settlement")
public interface SettlingConfig {

    /**
     * When the nightly settlement runs (Quartz-style cron with seconds), read in Asia/Shanghai whatever
     * the machine's zone. "off" disables the job on this instance (the CLI and the API still work).
     */
    @WithDefault("0 0 2 * * ?")
    String cron();

    /**
     * How many days back from yesterday each nightly run covers: days already settled only get
     * adjustments for meals that arrived late (offline terminals), so this bounds how late a meal may
     * arrive and still be picked up by the nightly job; older ones need a run over their range.
     */
    @WithDefault("45")
    int lookbackDays();

    /**
     * The longest a run's transaction may take before it is rolled back. A run of up to 400 days over a
     * large ledger takes minutes, far beyond the default transaction timeout of a request.
     */
    @WithDefault("PT1H")
    Duration runTimeout();
}
