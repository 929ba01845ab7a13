package cn.laorenjia.terminal.testing;

import cn.laorenjia.fixtures.vpcd.PcscDaemon;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Tests through the real PC/SC stack call {@link #require()} first. */
public final class PcscStack {

    /** vpcd's second reader: the tests use it so that a virtual card on the first one cannot interfere. */
    public static final String READER = "Virtual PCD 00 01";

    private PcscStack() {
    }

    /**
     * Starts pcscd if installed and not running. If pcscd/vpcd are missing the test is skipped with the
     * reason, or fails when LAORENJIA_REQUIRE_PCSC=1 (CI).
     */
    public static void require() {
        PcscDaemon.missing().ifPresent(reason -> {
            if (PcscDaemon.required()) {
                Assertions.fail(PcscDaemon.REQUIRE_ENV + "=1 but " + reason);
            }
            Assumptions.abort("real PC/SC stack not available, test skipped: " + reason);
        });
        PcscDaemon.ensureRunning();
    }
}
