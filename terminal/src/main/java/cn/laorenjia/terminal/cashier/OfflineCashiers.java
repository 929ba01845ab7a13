package cn.laorenjia.terminal.cashier;

import cn.laorenjia.contract.counter.CashierRoster;
import cn.laorenjia.contract.json.ContractJson;
import cn.laorenjia.contract.offline.CardKey;
import cn.laorenjia.terminal.app.OwnerOnlyFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.util.ModularCrypt;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The canteen's cashiers as the central last gave them to this counter (number, name, the central's bcrypt hash of
 * the PIN), what an offline sign-in is checked against; replaced whole at each refresh, so a deactivated cashier is
 * gone and a changed PIN takes effect at the next refresh.
 *
 * <p>Threat model: someone copies the counter's disk (a stolen PC, a backup). A 6-digit PIN has 10⁶ values, so any
 * verifier readable from the disk alone can be brute-forced offline. The roster is therefore written only sealed:
 * AES-256-GCM under a key derived (HMAC-SHA-256 of a label) from this terminal's secret, which the counter has from
 * its configuration and never writes beside the file (as the offline copy's card key, {@code offline/CopySeal}).
 * The file alone holds no hash, number or name. Whoever also has the terminal secret can sign the terminal in to
 * the central anyway; they still pay one bcrypt (the central's cost) per guess. At the counter itself guesses are
 * throttled ({@link OfflineSignInThrottle}). The demo credential file lies outside the data directory for the same
 * reason; a production counter takes its secret from the environment.
 */
final class OfflineCashiers {

    private static final Logger LOG = Logger.getLogger(OfflineCashiers.class);
    static final String FILE = "cashier-roster.sealed";
    private static final String LABEL = "laorenjia cashier roster file key v1";
    private static final String FORMAT = "v1.";
    private static final byte[] AAD = "laorenjia cashier roster v1".getBytes(StandardCharsets.UTF_8);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final WildFlyElytronPasswordProvider BCRYPT = WildFlyElytronPasswordProvider.getInstance();

    /** A cashier of the roster. */
    record Cashier(String number, String name, String pinVerifier) {
        @Override
        public String toString() {
            return "Cashier[number=" + number + ", name=" + name + ", pinVerifier=***]";
        }
    }

    /** What the sealed file holds: when the central's roster was last confirmed current, its ETag, the cashiers. */
    record Held(Instant fetchedAt, String etag, List<Cashier> cashiers) {
    }

    private final Path file;
    private final Supplier<Optional<String>> terminalSecret;
    private final ObjectMapper json = ContractJson.mapper();

    // guarded by this
    private Map<String, Cashier> byNumber = Map.of();
    private Instant fetchedAt;
    private String etag;

    /** @param terminalSecret this terminal's secret, which the file is sealed under; empty while it has none */
    OfflineCashiers(Path file, Supplier<Optional<String>> terminalSecret) {
        this.file = file;
        this.terminalSecret = terminalSecret;
        load();
    }

    /** The roster as the central gave it now, replacing the one held, and written sealed. */
    synchronized void replace(CashierRoster roster, String newEtag, Instant at) {
        Map<String, Cashier> fresh = new LinkedHashMap<>();
        for (CashierRoster.Entry e : roster.cashiers()) {
            if (e.number() != null && e.pinVerifier() != null) {
                fresh.put(e.number(), new Cashier(e.number(), e.name() == null ? e.number() : e.name(), e.pinVerifier()));
            }
        }
        byNumber = Map.copyOf(fresh);
        etag = newEtag;
        fetchedAt = at;
        write();
    }

    /** The central said the roster held is still current (304). */
    synchronized void stillCurrent(Instant at) {
        fetchedAt = at;
        write();
    }

    /** The version held, to ask the central for a newer one; empty with none. */
    synchronized Optional<String> etag() {
        return byNumber.isEmpty() && fetchedAt == null ? Optional.empty() : Optional.ofNullable(etag);
    }

    /** When the central last confirmed the roster held; empty when this counter holds none. */
    synchronized Optional<Instant> fetchedAt() {
        return Optional.ofNullable(fetchedAt);
    }

    synchronized Optional<Cashier> find(String number) {
        return Optional.ofNullable(byNumber.get(number));
    }

    synchronized Optional<String> name(String number) {
        return find(number).map(Cashier::name);
    }

    /**
     * The cashier if {@code number} is in the roster and {@code pin} matches their hash. An unknown number costs a
     * bcrypt too (against another cashier's hash), so the time taken tells nothing about which numbers exist.
     */
    Optional<Cashier> verify(String number, String pin) {
        Optional<Cashier> cashier;
        Optional<Cashier> decoy;
        synchronized (this) {
            cashier = Optional.ofNullable(byNumber.get(number));
            decoy = byNumber.values().stream().findFirst();
        }
        if (cashier.isEmpty()) {
            decoy.ifPresent(d -> matches(pin, d.pinVerifier()));
            return Optional.empty();
        }
        return matches(pin, cashier.get().pinVerifier()) ? cashier : Optional.empty();
    }

    /** Whether {@code pin} matches a bcrypt modular-crypt hash; an unreadable hash matches nothing. */
    static boolean matches(String pin, String verifier) {
        try {
            Password stored = ModularCrypt.decode(verifier);
            PasswordFactory factory = PasswordFactory.getInstance(stored.getAlgorithm(), BCRYPT);
            return factory.verify(factory.translate(stored), pin.toCharArray());
        } catch (GeneralSecurityException | RuntimeException e) {
            LOG.warnf("a PIN hash of the cashier roster is unreadable: %s", e.getClass().getSimpleName());
            return false;
        }
    }

    private void write() {
        Optional<String> secret = terminalSecret.get();
        if (secret.isEmpty()) {
            LOG.warn("no terminal secret to seal the cashier roster with: kept in memory only, so after a restart no "
                    + "cashier signs in offline until the next refresh");
            return;
        }
        try {
            byte[] plain = json.writeValueAsBytes(new Held(fetchedAt, etag, List.copyOf(byNumber.values())));
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, secret.get(), nonce).doFinal(plain);
            Arrays.fill(plain, (byte) 0);
            String text = FORMAT + Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
            OwnerOnlyFiles.directory(file.getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            OwnerOnlyFiles.write(tmp, text.getBytes(StandardCharsets.US_ASCII));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warnf("cannot write the cashier roster to %s: %s", file, e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        Optional<String> secret = terminalSecret.get();
        if (secret.isEmpty()) {
            LOG.errorf("收银员名单 %s 需用本终端密钥解开，但未配置终端密钥：暂不能离线登录 (the cashier roster is sealed under "
                    + "the terminal secret, which is not configured: no offline sign-in until the next refresh)", file);
            return;
        }
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (!text.startsWith(FORMAT)) {
                throw new GeneralSecurityException("not a sealed roster of this format");
            }
            byte[] bytes = Base64.getUrlDecoder().decode(text.substring(FORMAT.length()));
            if (bytes.length <= NONCE_BYTES) {
                throw new GeneralSecurityException("too short");
            }
            byte[] plain = cipher(Cipher.DECRYPT_MODE, secret.get(), Arrays.copyOf(bytes, NONCE_BYTES))
                    .doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            Held held = json.readValue(plain, Held.class);
            Map<String, Cashier> loaded = new LinkedHashMap<>();
            for (Cashier c : held.cashiers() == null ? List.<Cashier>of() : held.cashiers()) {
                loaded.put(c.number(), c);
            }
            byNumber = Map.copyOf(loaded);
            fetchedAt = held.fetchedAt();
            etag = held.etag();
            LOG.infof("cashier roster of %s loaded: %d cashiers", fetchedAt, byNumber.size());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            LOG.errorf("收银员名单 %s 无法用本终端密钥解开 (密钥已更换，或文件被改动/来自别处)：暂不能离线登录，待联网刷新 (the cashier "
                    + "roster does not open with this terminal's secret: no offline sign-in until the next refresh)", file);
        } catch (IOException e) {
            LOG.warnf("the cashier roster %s is unreadable, ignored until the next refresh: %s", file, e.getMessage());
        }
    }

    private static Cipher cipher(int mode, String secret, byte[] nonce) throws GeneralSecurityException {
        byte[] key = CardKey.mac(secret.getBytes(StandardCharsets.UTF_8), LABEL);
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        Arrays.fill(key, (byte) 0);
        aes.updateAAD(AAD);
        return aes;
    }
}
