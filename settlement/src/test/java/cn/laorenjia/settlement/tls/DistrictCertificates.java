package cn.laorenjia.settlement.tls;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A district's certificates made at test time by the script operators use (settlement/tls/make-district-certificates.sh),
 * in a temporary folder outside the repository.
 */
record DistrictCertificates(Path dir) {

    static final Path SCRIPT = Path.of("tls", "make-district-certificates.sh");

    Path ca() {
        return dir.resolve("district-ca.pem");
    }

    Path caKey() {
        return dir.resolve("district-ca.key");
    }

    Path cert() {
        return dir.resolve("central.pem");
    }

    Path key() {
        return dir.resolve("central.key");
    }

    /** A new district CA and a central certificate for these names. */
    static DistrictCertificates make(String... names) {
        try {
            Path dir = Files.createTempDirectory("laorenjia-tls");
            List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toAbsolutePath().toString(),
                    dir.resolve("district").toString()));
            command.addAll(List.of(names));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("make-district-certificates.sh failed: " + output);
            }
            return new DistrictCertificates(dir.resolve("district"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A TLS context of a client that trusts this district's CA only. */
    SSLContext clientTrustingCa() throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(ca())) {
            trust.setCertificateEntry("district-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
