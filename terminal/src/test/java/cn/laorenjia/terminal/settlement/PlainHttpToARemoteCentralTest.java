package cn.laorenjia.terminal.settlement;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The terminal itself, configured with a plain http:// central on another machine: it refuses to start and says why. */
@QuarkusMainTest
@TestProfile(PlainHttpToARemoteCentralTest.RemotePlainCentral.class)
class PlainHttpToARemoteCentralTest {

    public static class RemotePlainCentral implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("laorenjia.terminal.settlement-url", "http://10.12.0.5:8080",
                    "laorenjia.terminal.card.enabled", "false");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void theTerminalRefusesToStart(LaunchResult result) {
        String output = result.getOutput() + "\n" + result.getErrorOutput();
        assertTrue(output.contains("拒绝使用明文 HTTP") && output.contains("http://10.12.0.5:8080")
                && output.contains("laorenjia.central.ca"), output);
    }
}
