package cn.laorenjia.terminal.cashier;

import cn.laorenjia.terminal.app.OwnerOnlyFiles;
import org.jboss.logging.Logger;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

/**
 * The cashiers who signed in successfully at this counter, each with a PBKDF2-HMAC-SHA256 hash of their PIN (salted,
 * never the PIN) and when, in an owner-only file of the counter's data directory: what an offline sign-in is checked
 * against. Rewritten whole on each successful sign-in; a cashier whose PIN the central refused is forgotten.
 */
final class KnownCashiers {

    private static final Logger LOG = Logger.getLogger(KnownCashiers.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A cashier as remembered here. */
    record Known(String number, String name, Instant signedInAt) {
    }

    private final Path file;
    private final int iterations;

    KnownCashiers(Path file, int iterations) {
        this.file = file;
        this.iterations = iterations;
    }

    synchronized void remember(String number, String name, String pin, Instant at) {
        Properties p = load();
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        p.setProperty(number + ".name", name);
        p.setProperty(number + ".salt", Base64.getEncoder().encodeToString(salt));
        p.setProperty(number + ".iterations", Integer.toString(iterations));
        p.setProperty(number + ".hash", Base64.getEncoder().encodeToString(hash(pin, salt, iterations)));
        p.setProperty(number + ".signedInAt", at.toString());
        store(p);
    }

    synchronized void forget(String number) {
        Properties p = load();
        if (p.remove(number + ".hash") != null) {
            p.remove(number + ".name");
            p.remove(number + ".salt");
            p.remove(number + ".iterations");
            p.remove(number + ".signedInAt");
            store(p);
        }
    }

    /** The name of a cashier who signed in here, as the central gave it then. */
    synchronized Optional<String> name(String number) {
        return Optional.ofNullable(load().getProperty(number + ".name"));
    }

    /** The cashier, if the PIN matches the hash kept from their last sign-in here. */
    synchronized Optional<Known> verify(String number, String pin) {
        Properties p = load();
        String hash = p.getProperty(number + ".hash");
        if (hash == null) {
            return Optional.empty();
        }
        try {
            byte[] salt = Base64.getDecoder().decode(p.getProperty(number + ".salt"));
            int rounds = Integer.parseInt(p.getProperty(number + ".iterations"));
            boolean ok = MessageDigest.isEqual(Base64.getDecoder().decode(hash), hash(pin, salt, rounds));
            return ok ? Optional.of(new Known(number, p.getProperty(number + ".name", number),
                    Instant.parse(p.getProperty(number + ".signedInAt")))) : Optional.empty();
        } catch (RuntimeException e) {
            LOG.warnf("the kept PIN hash of cashier %s is unreadable: %s", number, e.toString());
            return Optional.empty();
        }
    }

    private static byte[] hash(String pin, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(pin.toCharArray(), salt, iterations, 256);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        }
    }

    private Properties load() {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try {
                p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                LOG.warnf("cannot read %s: %s", file, e.toString());
            }
        }
        return p;
    }

    private void store(Properties p) {
        try {
            OwnerOnlyFiles.directory(file.getParent());
            StringWriter out = new StringWriter();
            p.store(out, "cashiers signed in at this counter: PBKDF2-HMAC-SHA256 PIN hashes, never a PIN");
            OwnerOnlyFiles.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // offline sign-in is a convenience: a counter that cannot keep it still signs in online
            LOG.warnf("cannot write %s: %s", file, e.toString());
        }
    }
}
