package cn.laorenjia.settlement.qr;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Signed QR codes: where the private key comes from, and how long codes live. */
@ConfigMapping(prefix = "laorenjia.qr")
public interface QrConfig {

    /** The key's number inside every code (0–255): lets terminals hold old and new public keys during a rotation. */
    @WithDefault("1")
    int keyId();

    /** The Ed25519 private key, Base64 of PKCS#8 (e.g. from env LAORENJIA_QR_SIGNING_KEY). Never in the repository. */
    Optional<String> signingKey();

    /** Or a file holding the PKCS#8 key (DER, or Base64 text). */
    Optional<Path> signingKeyFile();

    /**
     * With neither configured: generate a key. On the embedded default run it is written once into the data
     * directory and reused; otherwise (tests) it lives in memory only. Off in production, where a missing key
     * stops the start-up.
     */
    @WithDefault("false")
    boolean generateIfMissing();

    /** How long a phone code is good for. */
    @WithDefault("PT60S")
    Duration phoneCodeValidity();

    /** Clock difference allowed between phone, server and counter. */
    @WithDefault("PT30S")
    Duration clockTolerance();

    /** How long a printed card code is good for; revoking the card revokes it sooner. */
    @WithDefault("P3650D")
    Duration printedCodeValidity();
}
