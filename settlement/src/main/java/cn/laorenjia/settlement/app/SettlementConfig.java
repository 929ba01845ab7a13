package cn.laorenjia.settlement.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

@ConfigMapping(prefix = "laorenjia")
public interface SettlementConfig {

    SampleData sampleData();

    /** Set by {@link SettlementMain} when it started the embedded database. */
    Optional<String> embeddedDataDir();

    interface SampleData {
        /** Load the 宝坻 sample register into an empty database at start-up. */
        @WithDefault("false")
        boolean load();
    }
}
