package cn.laorenjia.settlement.tls;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The central with a district certificate made by the operators' script: HTTPS answers a client that trusts the
 * district CA (health, and an API with a password), and a client trusting anything else cannot even connect.
 */
@QuarkusTest
@TestProfile(HttpsTest.WithDistrictCertificate.class)
class HttpsTest {

    static final DistrictCertificates DISTRICT = DistrictCertificates.make("localhost", "127.0.0.1");
    static final DistrictCertificates OTHER_DISTRICT = DistrictCertificates.make("localhost", "127.0.0.1");

    public static class WithDistrictCertificate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the typed settings an operator sets (LAORENJIA_TLS_CERT / _KEY), nothing of quarkus.tls.* itself
            return Map.of("laorenjia.tls.cert", DISTRICT.cert().toString(),
                    "laorenjia.tls.key", DISTRICT.key().toString());
        }
    }

    @TestHTTPResource(value = "/", tls = true)
    URI https;

    @Test
    void theScriptKeepsTheKeysPrivate() throws Exception {
        Set<PosixFilePermission> ownerOnly = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertEquals(ownerOnly, Files.getPosixFilePermissions(DISTRICT.key()));
        assertEquals(ownerOnly, Files.getPosixFilePermissions(DISTRICT.caKey()));
    }

    @Test
    void httpsAnswersAClientThatTrustsTheDistrictCa() throws Exception {
        assertEquals("https", https.getScheme());
        HttpClient client = HttpClient.newBuilder().sslContext(DISTRICT.clientTrustingCa())
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(https.resolve("/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());

        String basic = Base64.getEncoder().encodeToString("test-admin:test-admin-password".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> summary = client.send(HttpRequest.newBuilder(https.resolve("/api/register/summary"))
                .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, summary.statusCode(), summary.body());
    }

    @Test
    void aClientTrustingAnotherCaCannotConnect() throws Exception {
        HttpClient otherDistrict = HttpClient.newBuilder().sslContext(OTHER_DISTRICT.clientTrustingCa())
                .connectTimeout(Duration.ofSeconds(5)).build();
        assertThrows(SSLHandshakeException.class, () -> otherDistrict.send(
                HttpRequest.newBuilder(https.resolve("/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString()));
        // nor one with only the public CAs of the JDK: the district CA is private
        HttpClient publicCas = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThrows(SSLHandshakeException.class, () -> publicCas.send(
                HttpRequest.newBuilder(https.resolve("/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString()));
    }
}
