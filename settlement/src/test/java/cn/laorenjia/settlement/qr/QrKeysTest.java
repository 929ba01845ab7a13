package cn.laorenjia.settlement.qr;

import cn.laorenjia.core.qr.Ed25519Keys;
import cn.laorenjia.core.qr.QrToken;
import cn.laorenjia.core.qr.QrTokenKind;
import cn.laorenjia.settlement.app.SettlementConfig;
import cn.laorenjia.settlement.app.TestSettlementConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the signing key comes from: configuration, a file, generated once into the embedded data directory. */
class QrKeysTest {

    private static QrConfig config(Optional<String> key, Optional<Path> file, boolean generate) {
        return new QrConfig() {
            public int keyId() { return 2; }
            public Optional<String> signingKey() { return key; }
            public Optional<Path> signingKeyFile() { return file; }
            public boolean generateIfMissing() { return generate; }
            public Duration phoneCodeValidity() { return Duration.ofSeconds(60); }
            public Duration clockTolerance() { return Duration.ofSeconds(30); }
            public Duration printedCodeValidity() { return Duration.ofDays(3650); }
        };
    }

    private static SettlementConfig settlement(Optional<String> dataDir) {
        return TestSettlementConfig.defaults().withEmbeddedDataDir(dataDir);
    }

    private static String publicText(QrKeys keys) {
        return Ed25519Keys.publicKeyText(keys.publicKey());
    }

    @Test
    void theEmbeddedRunGeneratesItsKeyOnceIntoTheDataDirectoryReadableOnlyByItsOwner(@TempDir Path dir) throws Exception {
        QrKeys first = new QrKeys(config(Optional.empty(), Optional.empty(), false), settlement(Optional.of(dir.toString())));
        Path file = dir.resolve(QrKeys.KEY_FILE);
        assertTrue(Files.exists(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        QrKeys again = new QrKeys(config(Optional.empty(), Optional.empty(), false), settlement(Optional.of(dir.toString())));
        assertEquals(publicText(first), publicText(again));
        // codes signed before a restart still verify after it
        String code = first.signer().sign(new QrToken(2, QrTokenKind.PRINTED, 1, Instant.parse("2026-01-01T00:00:00Z"), Duration.ofDays(3650), 1));
        assertEquals(1, again.verifier().verify(code, Instant.parse("2026-06-01T00:00:00Z")).holderId());
    }

    @Test
    void aConfiguredKeyWinsAsTextOrFile(@TempDir Path dir) throws Exception {
        var pair = Ed25519Keys.generate();
        String base64 = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
        String expected = Ed25519Keys.publicKeyText(pair.getPublic());
        assertEquals(expected, publicText(new QrKeys(config(Optional.of(base64), Optional.empty(), false), settlement(Optional.of(dir.toString())))));
        Path der = Files.write(dir.resolve("key.der"), pair.getPrivate().getEncoded());
        assertEquals(expected, publicText(new QrKeys(config(Optional.empty(), Optional.of(der), false), settlement(Optional.empty()))));
        Path text = Files.writeString(dir.resolve("key.b64"), base64 + "\n");
        assertEquals(expected, publicText(new QrKeys(config(Optional.empty(), Optional.of(text), false), settlement(Optional.empty()))));
        assertTrue(Files.notExists(dir.resolve(QrKeys.KEY_FILE)), "nothing generated when a key is configured");
    }

    @Test
    void withoutAKeyProductionRefusesToStartAndTestsGetAFreshOne() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new QrKeys(config(Optional.empty(), Optional.empty(), false), settlement(Optional.empty())));
        assertTrue(e.getMessage().contains("LAORENJIA_QR_SIGNING_KEY"));
        assertNotEquals(publicText(new QrKeys(config(Optional.empty(), Optional.empty(), true), settlement(Optional.empty()))),
                publicText(new QrKeys(config(Optional.empty(), Optional.empty(), true), settlement(Optional.empty()))));
    }

    @Test
    void anUnusableKeyIsRefusedInChineseWithTheRecipe(@TempDir Path dir) throws Exception {
        IllegalStateException text = assertThrows(IllegalStateException.class,
                () -> new QrKeys(config(Optional.of("bm90LWEta2V5"), Optional.empty(), true), settlement(Optional.empty())));
        assertTrue(text.getMessage().startsWith("二维码签名密钥不可用") && text.getMessage().contains(QrKeys.HOW_TO_MAKE_ONE),
                text.getMessage());
        // an RSA-shaped or truncated file is no better than a missing one: never silently replaced by a generated key
        Path file = Files.write(dir.resolve("key.der"), new byte[] {0x30, 0x03, 0x02, 0x01, 0x00});
        IllegalStateException fromFile = assertThrows(IllegalStateException.class,
                () -> new QrKeys(config(Optional.empty(), Optional.of(file), true), settlement(Optional.empty())));
        assertTrue(fromFile.getMessage().contains(file.toString()), fromFile.getMessage());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> new QrKeys(config(Optional.empty(), Optional.of(dir.resolve("absent.der")), true), settlement(Optional.empty())));
        assertTrue(missing.getMessage().startsWith("二维码签名密钥不可用"), missing.getMessage());
    }

    @Test
    void theGuardsSelfTestSignsAndVerifiesWithTheConfiguredKey() {
        var pair = Ed25519Keys.generate();
        String base64 = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
        QrKeyGuard.selfTest(new QrKeys(config(Optional.of(base64), Optional.empty(), false), settlement(Optional.empty())));
    }
}
