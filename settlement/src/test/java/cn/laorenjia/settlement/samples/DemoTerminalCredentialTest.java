package cn.laorenjia.settlement.samples;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.as;
import static cn.laorenjia.settlement.security.TestApi.asTerminal;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The demo terminal credential works, is readable by its owner only, is rewritten only when stale, and never
 * undoes an administrator's rotation.
 */
@QuarkusTest
class DemoTerminalCredentialTest {

    @Inject
    DemoTerminalCredential demo;

    @Test
    void writesAWorkingCredentialOnceAndReplacesAStaleOne() throws Exception {
        Path dir = Files.createTempDirectory("demo-credential");
        Path file = dir.resolve(DemoTerminalCredential.FILE_NAME);

        demo.ensure("BD-HB-02-T2", file);
        Properties first = read(file);
        assertEquals("BD-HB-02-T2", first.getProperty("laorenjia.terminal.code"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        asTerminal(authorization(first)).get("/api/security/me").then().statusCode(200)
                .body("name", equalTo("BD-HB-02-T2"));

        demo.ensure("BD-HB-02-T2", file); // still valid: left alone
        assertEquals(first, read(file));

        Files.writeString(file, "laorenjia.terminal.code=BD-HB-02-T2\nlaorenjia.terminal.secret=stale\n");
        demo.ensure("BD-HB-02-T2", file);
        Properties renewed = read(file);
        assertNotEquals(first.getProperty("laorenjia.terminal.secret"), renewed.getProperty("laorenjia.terminal.secret"));
        asTerminal(authorization(renewed)).get("/api/security/me").then().statusCode(200);
        asTerminal(authorization(first)).get("/api/security/me").then().statusCode(401);

        Path none = dir.resolve("none.properties");
        demo.ensure("NO-SUCH-TERMINAL", none);
        assertFalse(Files.exists(none));
    }

    @Test
    void aRestartNeverReissuesASecretAnAdministratorRotated() throws Exception {
        Path file = Files.createTempDirectory("demo-credential").resolve(DemoTerminalCredential.FILE_NAME);
        demo.ensure("BD-ZX-01-T2", file);
        Properties demoIssued = read(file);

        String rotated = as(ADMIN).post("/api/register/terminals/BD-ZX-01-T2/secret").then().statusCode(200)
                .extract().path("authorization");
        demo.ensure("BD-ZX-01-T2", file); // the next start: the file is stale, but the administrator owns the secret

        assertEquals(demoIssued, read(file));
        asTerminal(rotated).get("/api/security/me").then().statusCode(200);
        asTerminal(authorization(demoIssued)).get("/api/security/me").then().statusCode(401);
    }

    private static String authorization(Properties p) {
        return "Terminal " + p.getProperty("laorenjia.terminal.code") + ":" + p.getProperty("laorenjia.terminal.secret");
    }

    private static Properties read(Path file) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
