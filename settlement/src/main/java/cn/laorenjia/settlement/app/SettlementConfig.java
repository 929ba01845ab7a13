package cn.laorenjia.settlement.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "laorenjia")
public interface SettlementConfig {

    SampleData sampleData();

    Ledger ledger();

    DemoTerminal demoTerminal();

    Settling settlement();

    Exports exports();

    /** Set by the run command's launcher (RunWithEmbeddedDatabase) when it started the embedded database. */
    Optional<String> embeddedDataDir();

    interface Ledger {
        /**
         * How far a live sale's time may be from the server's clock. Beyond it the sale is refused:
         * a terminal with a wrong clock would put meals on the wrong day or week.
         */
        @WithDefault("PT10M")
        Duration maxClockSkew();
    }

    interface DemoTerminal {
        /**
         * On the embedded default with sample data: give this sample terminal a secret and write it into the data
         * directory for the terminal app on the same machine (see DemoTerminalCredential).
         */
        @WithDefault("false")
        boolean enabled();

        @WithDefault("BD-HB-01-T1")
        String code();
    }

    interface Settling {
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
    }

    interface Exports {
        /**
         * A TrueType font with Chinese glyphs for PDF statements, overriding the WenQuanYi Micro Hei shipped
         * in the module (".ttc" files take ",0" for the first face). One that cannot be loaded is logged and
         * the shipped font is used.
         */
        Optional<String> cjkFont();
    }

    interface SampleData {
        /** Load the 宝坻 sample register into an empty database at start-up. */
        @WithDefault("false")
        boolean load();
    }
}
