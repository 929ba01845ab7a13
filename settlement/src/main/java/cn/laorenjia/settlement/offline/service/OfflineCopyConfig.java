package cn.laorenjia.settlement.offline.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** How the central makes and serves the offline copies (see {@link OfflineSnapshots}). */
@ConfigMapping(prefix = "laorenjia.offline-copy")
public interface OfflineCopyConfig {

    /**
     * The secret the copies' card keys are derived from, Base64 of at least 32 bytes (e.g. env
     * LAORENJIA_OFFLINE_COPY_SECRET). Without it the service makes one on first use and keeps it in the database.
     * Never in the repository.
     */
    Optional<String> secret();

    /**
     * How old a built copy may be when it is served: a jurisdiction's copy is rebuilt at most this often (and gets a
     * new version only when its content changed). The counters refresh every 5 minutes.
     */
    @WithDefault("PT1M")
    Duration rebuildAfter();

    /**
     * How often the background job rebuilds the copies counters asked for (a Quarkus {@code every}); unset: every
     * {@link #rebuildAfter()}; {@code off} leaves every build to the requests (tests, which call the rebuild).
     */
    Optional<String> rebuildEvery();

    /** When (Beijing time, Quartz cron) the new day's copies are built; {@code off} for none. */
    @WithDefault("1 0 0 * * ?")
    String newDayCron();

    /** How many versions back a counter can get a delta from; from an older one it gets the whole copy. */
    @WithDefault("120")
    int deltaHistory();
}
