package cn.laorenjia.terminal.scan;

import cn.laorenjia.core.qr.Ed25519Keys;
import cn.laorenjia.core.qr.QrTokenSigner;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.security.KeyPair;
import java.util.Base64;
import java.util.Map;

/**
 * A signing key generated for this test run, standing in for the central service's key: the terminal gets
 * its public half as a pinned key; the test signs codes with the private half (handed over in a JVM-wide
 * system property, since Quarkus loads test resources and tests in different class loaders).
 */
public class TestSigningKey implements QuarkusTestResourceLifecycleManager {

    static final int KEY_ID = 7;
    private static final String PROPERTY = "laorenjia.test.qr-private-key";

    @Override
    public Map<String, String> start() {
        KeyPair pair = Ed25519Keys.generate();
        System.setProperty(PROPERTY, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        return Map.of("laorenjia.terminal.scan.public-keys", KEY_ID + ":" + Ed25519Keys.publicKeyText(pair.getPublic()),
                "laorenjia.terminal.scan.prefix", "]Q1");
    }

    @Override
    public void stop() {
        System.clearProperty(PROPERTY);
    }

    static QrTokenSigner signer() {
        return new QrTokenSigner(KEY_ID, Ed25519Keys.privateKey(Base64.getDecoder().decode(System.getProperty(PROPERTY))));
    }
}
