package cn.laorenjia.settlement.tls;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service itself, started as an operator would on 0.0.0.0 without a certificate: it refuses and says why. */
@QuarkusMainTest
@TestProfile(PlainHttpOnAllInterfacesTest.AllInterfaces.class)
class PlainHttpOnAllInterfacesTest {

    public static class AllInterfaces implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.host", "0.0.0.0");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void theCentralRefusesToStart(LaunchResult result) {
        String output = result.getOutput() + "\n" + result.getErrorOutput();
        assertTrue(output.contains("拒绝启动") && output.contains("0.0.0.0")
                && output.contains("laorenjia.http.behind-proxy"), output);
    }
}
