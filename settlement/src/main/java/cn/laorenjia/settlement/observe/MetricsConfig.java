package cn.laorenjia.settlement.observe;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Who may read /q/metrics, and how fresh the per-terminal gauges are (README "运行监控与日志"). */
@ConfigMapping(prefix = "laorenjia.metrics")
public interface MetricsConfig {

    /** Shortest scrape token accepted: 32 characters of a random generator leave nothing to guess. */
    int MIN_TOKEN_LENGTH = 32;

    /**
     * The Prometheus scraper's token ({@code LAORENJIA_METRICS_TOKEN}, at least {@value #MIN_TOKEN_LENGTH}
     * characters): sent as {@code Authorization: Bearer <token>} to /q/metrics, and good for nothing else. Unset: only
     * a signed-in administrator reads the metrics.
     */
    Optional<String> token();

    /** How often the last contact of every terminal is read again from the database (other instances' answers). */
    @WithDefault("PT15S")
    Duration terminalContactRefresh();
}
