package cn.laorenjia.settlement.app;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The service's configuration with the application's defaults, for unit tests of one bean outside Quarkus.
 * One place to grow when the configuration does, instead of an anonymous implementation in every test.
 */
public record TestSettlementConfig(Optional<String> embeddedDataDir, Optional<String> cjkFont, Optional<Instant> clockStart)
        implements SettlementConfig {

    public static TestSettlementConfig defaults() {
        return new TestSettlementConfig(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public TestSettlementConfig withEmbeddedDataDir(Optional<String> dataDir) {
        return new TestSettlementConfig(dataDir, cjkFont, clockStart);
    }

    public TestSettlementConfig withCjkFont(Optional<String> font) {
        return new TestSettlementConfig(embeddedDataDir, font, clockStart);
    }

    @Override
    public SampleData sampleData() {
        return () -> false;
    }

    @Override
    public Ledger ledger() {
        return () -> Duration.ofMinutes(10);
    }

    @Override
    public DemoTerminal demoTerminal() {
        return new DemoTerminal() {
            @Override
            public boolean enabled() {
                return false;
            }

            @Override
            public String code() {
                return "BD-HB-01-T1";
            }
        };
    }

    @Override
    public Exports exports() {
        return () -> cjkFont;
    }

    public TestSettlementConfig withClockStart(Instant start) {
        return new TestSettlementConfig(embeddedDataDir, cjkFont, Optional.of(start));
    }

    @Override
    public ClockSettings clock() {
        return () -> clockStart;
    }
}
