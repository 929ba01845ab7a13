package cn.laorenjia.terminal.scan;

import cn.laorenjia.contract.qr.QrPublicKeys;
import cn.laorenjia.core.qr.Ed25519Keys;
import cn.laorenjia.terminal.app.TerminalConfig;
import cn.laorenjia.terminal.settlement.CentralTransport;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The central service's QR public keys, so that codes verify at the counter even when the network is down:
 * keys pinned in configuration, the last fetched keys from a file, and a refresh from GET /api/qr/keys at
 * start and periodically (the scheduled job {@value #REFRESH_JOB}). Fetched keys are added, never dropped silently
 * (a key rotation keeps old codes valid). A failed fetch (the service not up yet, the network down) is retried soon
 * and then less and less often, up to the refresh interval (SmallRye Fault Tolerance's exponential back-off): a
 * counter started before the service must not wait ten minutes for its keys.
 */
@ApplicationScoped
public class PublicKeyCache {

    private static final Logger LOG = Logger.getLogger(PublicKeyCache.class);
    /** The scheduler's identity of the refresh job. */
    public static final String REFRESH_JOB = "qr-key-refresh";

    private final ScanConfig config;
    private final CentralTransport transport;
    private final URI settlementUrl;
    private final URI keysUri;
    private volatile QrKeysApi central;
    private volatile Map<Integer, PublicKey> keys = Map.of();
    /** Built at the first run of the job (it needs the running application); only the job's thread touches it. */
    private TypedGuard<Integer> retrying;
    private volatile boolean stopping;

    /** Outside the application's TLS configuration (tests): the JDK's CAs. */
    public PublicKeyCache(ScanConfig config, TerminalConfig terminal) {
        this(config, terminal, CentralTransport.jdkTrust());
    }

    /** The keys come the same way as sales: through {@link CentralTransport} (the district CA, host name verified). */
    @Inject
    public PublicKeyCache(ScanConfig config, TerminalConfig terminal, CentralTransport transport) {
        this.config = config;
        this.transport = transport;
        this.settlementUrl = terminal.settlementUrl();
        this.keysUri = settlementUrl.resolve("/api/qr/keys");
        Map<Integer, PublicKey> initial = new HashMap<>(readCache(config.keyCacheFile()));
        config.publicKeys().ifPresent(list -> list.forEach(entry -> {
            int colon = entry.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("laorenjia.terminal.scan.public-keys entries are keyId:Base64");
            }
            initial.put(Integer.parseInt(entry.substring(0, colon).strip()), Ed25519Keys.publicKey(entry.substring(colon + 1).strip()));
        }));
        keys = Map.copyOf(initial);
    }

    /** The REST client for the keys, built at the first fetch (it needs the running application). */
    private QrKeysApi central() {
        QrKeysApi api = central;
        if (api == null) {
            api = transport.builder(settlementUrl)
                    .connectTimeout(3, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS)
                    .build(QrKeysApi.class);
            central = api;
        }
        return api;
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    public Map<Integer, PublicKey> keys() {
        return keys;
    }

    /** Fetches the keys now; answers how many are known afterwards. A refusal or no answer throws. */
    public int refresh() {
        Map<Integer, PublicKey> merged = new HashMap<>(keys);
        for (QrPublicKeys.Key key : central().keys().keys()) {
            if (Ed25519Keys.ALGORITHM.equals(key.algorithm())) {
                merged.put(key.keyId(), Ed25519Keys.publicKey(key.publicKey()));
            }
        }
        if (!merged.equals(keys)) {
            keys = Map.copyOf(merged);
            writeCache(config.keyCacheFile(), keys);
        }
        return keys.size();
    }

    /**
     * The job: at start and every key-refresh; while a fetch keeps failing it is retried after key-retry, then twice
     * as long each time up to key-refresh, and the job's next runs are skipped until it succeeds.
     */
    @Scheduled(identity = REFRESH_JOB, every = "${laorenjia.terminal.scan.key-refresh:PT10M}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRefresh() {
        if (!config.fetchKeys()) {
            return;
        }
        if (retrying == null) {
            retrying = TypedGuard.create(Integer.class)
                    .withRetry()
                    .maxRetries(-1) // until the service answers: the counter needs its keys
                    .maxDuration(0, ChronoUnit.MILLIS) // no limit
                    .delay(config.keyRetry().toMillis(), ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    .whenException(e -> !stopping && !(e instanceof InterruptedException))
                    .beforeRetry(e -> LOG.infof("QR keys not refreshed from %s (%s); using %d cached key(s), trying again soon",
                            keysUri, e.toString(), keys.size()))
                    .withExponentialBackoff().factor(2).maxDelay(config.keyRefresh().toMillis(), ChronoUnit.MILLIS).done()
                    .done()
                    .build();
        }
        try {
            retrying.call(this::refresh);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.infof("QR keys not refreshed from %s (%s); using %d cached key(s)", keysUri, e.toString(), keys.size());
        }
    }

    private static Map<Integer, PublicKey> readCache(Path file) {
        Map<Integer, PublicKey> cached = new HashMap<>();
        if (!Files.exists(file)) {
            return cached;
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
            properties.forEach((id, key) -> cached.put(Integer.parseInt((String) id), Ed25519Keys.publicKey((String) key)));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("ignoring unreadable QR key cache %s: %s", file, e);
        }
        return cached;
    }

    private static void writeCache(Path file, Map<Integer, PublicKey> keys) {
        Properties properties = new Properties();
        keys.forEach((id, key) -> properties.setProperty(String.valueOf(id), Ed25519Keys.publicKeyText(key)));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(out, "QR public keys of the settlement service (public, not secret)");
            }
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warnf("cannot write the QR key cache %s: %s", file, e);
        }
    }
}
