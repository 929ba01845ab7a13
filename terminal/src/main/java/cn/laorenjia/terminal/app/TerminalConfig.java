package cn.laorenjia.terminal.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "laorenjia.terminal")
public interface TerminalConfig {

    /** The central settlement service this counter talks to. */
    URI settlementUrl();

    /** This terminal's register code, e.g. BD-HB-01-T1 (env LAORENJIA_TERMINAL_CODE). */
    Optional<String> code();

    /**
     * The secret the settlement service issued to this terminal (env LAORENJIA_TERMINAL_SECRET). Never put it
     * in a file under version control.
     */
    Optional<String> secret();

    /**
     * Where to find a credential when {@link #code()} and {@link #secret()} are not set: the file the settlement
     * service writes on its embedded default (demo-terminal.properties in its data directory). Its code, secret
     * and settlement URL are then used.
     */
    Optional<Path> demoCredentialFile();

    /** How long to wait for the settlement service to accept a connection. */
    @WithDefault("PT2S")
    Duration connectTimeout();

    /** How long to wait for its answer; a sale that timed out is retried with the same sale id. */
    @WithDefault("PT8S")
    Duration readTimeout();

    Scanner scanner();

    Receipt receipt();

    /**
     * A keyboard-wedge scanner types its text like a very fast typist: keys closer together than
     * {@link #maxKeyGapMillis()}, at least {@link #minLength()} of them, ended by the suffix.
     */
    interface Scanner {
        /** Characters the scanner sends before the code; empty when it sends none. */
        @WithDefault("")
        Optional<String> prefix();

        /** What ends a scan: "Enter" (the usual setting), "Tab", or characters. */
        @WithDefault("Enter")
        String suffix();

        @WithDefault("35")
        int maxKeyGapMillis();

        @WithDefault("6")
        int minLength();

        /**
         * Once a scan has begun, the longest pause between its pieces: a loaded counter PC delivers a scanner's keys in
         * pieces up to about a second apart. Longer, and the unfinished scan is dropped (never typed into a field or
         * taken as a shortcut) with a hint to scan again.
         */
        @WithDefault("1500")
        int maxPauseMillis();
    }

    interface Receipt {
        /** Characters per line of the thermal printer in the normal font (58 mm: 32, 80 mm: 48). */
        @WithDefault("32")
        int lineWidth();
    }
}
