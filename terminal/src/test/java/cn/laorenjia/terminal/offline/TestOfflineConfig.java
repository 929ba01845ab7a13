package cn.laorenjia.terminal.offline;

import java.nio.file.Path;
import java.time.Duration;

/** The offline settings with the application's defaults, for tests that build the counter outside Quarkus. */
public record TestOfflineConfig(Path dataDir, int syncBatchSize, Duration syncInterval, Duration offlineBackoff,
                                int maxSubsidisedSales) implements OfflineConfig {

    public static TestOfflineConfig in(Path dataDir) {
        return new TestOfflineConfig(dataDir, 200, Duration.ofMillis(200), Duration.ofSeconds(2), 40);
    }

    public TestOfflineConfig withMaxSubsidisedSales(int max) {
        return new TestOfflineConfig(dataDir, syncBatchSize, syncInterval, offlineBackoff, max);
    }

    @Override
    public int syncMaxBytes() {
        return 61_440;
    }

    @Override
    public Duration orphanAfter() {
        return Duration.ofSeconds(2);
    }

    @Override
    public boolean grantSubsidies() {
        return true;
    }

    @Override
    public Duration maxCopyAge() {
        return Duration.ofHours(24);
    }

    @Override
    public Duration refreshInterval() {
        return Duration.ofMinutes(5);
    }
}
