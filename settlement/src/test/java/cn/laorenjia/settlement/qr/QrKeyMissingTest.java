package cn.laorenjia.settlement.qr;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service itself, started as the README's real-server recipe once omitted: no QR signing key and none generated
 * (as in production). It used to report UP while /api/qr/keys answered 500; now it refuses and says what to set.
 */
@QuarkusMainTest
@TestProfile(QrKeyMissingTest.NoKey.class)
class QrKeyMissingTest {

    public static class NoKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("laorenjia.qr.generate-if-missing", "false", "laorenjia.qr.signing-key", "");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void theCentralRefusesToStartAndNamesTheKey(LaunchResult result) {
        String output = result.getOutput() + "\n" + result.getErrorOutput();
        assertTrue(output.contains("拒绝启动") && output.contains("缺少二维码签名密钥")
                && output.contains("LAORENJIA_QR_SIGNING_KEY") && output.contains(QrKeys.HOW_TO_MAKE_ONE), output);
    }

    @Test
    @Launch(value = {"verify-ledger"}, exitCode = 0)
    void aCommandNeedsNoKey(LaunchResult result) {
        String output = result.getOutput() + "\n" + result.getErrorOutput();
        assertTrue(!output.contains("缺少二维码签名密钥") && output.contains("links="), output);
    }
}
