package cn.laorenjia.settlement.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

@ConfigMapping(prefix = "laorenjia")
public interface SettlementConfig {

    SampleData sampleData();

    Ledger ledger();

    DemoTerminal demoTerminal();

    Exports exports();

    ClockSettings clock();

    /** Set by the run command's launcher (RunWithEmbeddedDatabase) when it started the embedded database. */
    Optional<String> embeddedDataDir();

    interface ClockSettings {
        /**
         * Runs the service's clock from this instant on (then ticking), for a rehearsal or an end-to-end test of a
         * whole installation on a known day. Unset in production: the service then reads the system clock. Logged
         * loudly at start when set.
         */
        Optional<Instant> start();
    }

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
