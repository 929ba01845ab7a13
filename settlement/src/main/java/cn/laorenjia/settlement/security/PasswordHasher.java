package cn.laorenjia.settlement.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.spec.EncryptablePasswordSpec;
import org.wildfly.security.password.spec.IteratedSaltedPasswordAlgorithmSpec;
import org.wildfly.security.password.util.ModularCrypt;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/** bcrypt hashes in modular-crypt form ({@code $2a$10$...}), the format Quarkus' own user stores read. */
@ApplicationScoped
public class PasswordHasher {

    private static final WildFlyElytronPasswordProvider PROVIDER = WildFlyElytronPasswordProvider.getInstance();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** An alphabet without look-alikes (0/O, 1/l/I), for passwords read off a console and typed by hand. */
    private static final char[] ALPHABET = "23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();

    private final int cost;
    /** Verified against when a username is unknown, so that answer takes as long as a wrong password. */
    private final String decoy;

    public PasswordHasher(SecurityConfig config) {
        this.cost = config.bcryptCost();
        if (cost < 4 || cost > 31) {
            throw new IllegalArgumentException("laorenjia.security.bcrypt-cost must be 4..31, got " + cost);
        }
        this.decoy = hash(randomPassword());
    }

    public String hash(String password) {
        try {
            byte[] salt = new byte[BCryptPassword.BCRYPT_SALT_SIZE];
            RANDOM.nextBytes(salt);
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, PROVIDER);
            Password password1 = factory.generatePassword(new EncryptablePasswordSpec(password.toCharArray(),
                    new IteratedSaltedPasswordAlgorithmSpec(cost, salt)));
            return ModularCrypt.encodeAsString(password1);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("bcrypt is unavailable", e);
        }
    }

    /** Whether the password matches the hash; a null hash (no password set) never matches. */
    public boolean matches(String password, String hash) {
        try {
            Password stored = ModularCrypt.decode(hash == null ? decoy : hash);
            PasswordFactory factory = PasswordFactory.getInstance(stored.getAlgorithm(), PROVIDER);
            boolean ok = factory.verify(factory.translate(stored), password.toCharArray());
            return ok && hash != null;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** 20 characters from a 56-letter alphabet: about 116 bits. */
    public String randomPassword() {
        StringBuilder b = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            b.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return b.toString();
    }
}
