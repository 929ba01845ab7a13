package cn.laorenjia.terminal.scan;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "laorenjia.terminal.scan")
public interface ScanConfig {

    /** What the keyboard-wedge scanner puts before each code (e.g. an AIM identifier "]Q1"); stripped when present. */
    Optional<String> prefix();

    /** What it puts after each code, besides CR/LF (always stripped). */
    Optional<String> suffix();

    /** Clock difference allowed between the phone, the central service and this counter. */
    @WithDefault("PT30S")
    Duration clockTolerance();

    /** Phone codes remembered against replay at this counter (a code lives about a minute). */
    @WithDefault("10000")
    int seenNonceCapacity();

    /** Largest camera frame or upload accepted by POST /api/scan/image. */
    @WithDefault("5242880")
    int maxImageBytes();

    /** Fetch the central service's public keys (GET /api/qr/keys) at start and then every this often. */
    @WithDefault("PT10M")
    Duration keyRefresh();

    /** After a failed fetch, try again this soon, then twice as long each time, up to {@link #keyRefresh()}. */
    @WithDefault("PT5S")
    Duration keyRetry();

    @WithDefault("true")
    boolean fetchKeys();

    /** Where the last fetched keys are kept, so that codes verify offline after a restart. */
    @WithDefault("${user.home}/.laorenjia/terminal/qr-public-keys.properties")
    Path keyCacheFile();

    /** Keys pinned in configuration, each "keyId:Base64 X.509" (e.g. for a counter installed offline). */
    Optional<List<String>> publicKeys();
}
