package cn.laorenjia.settlement.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.spec.EncryptablePasswordSpec;
import org.wildfly.security.password.spec.IteratedSaltedPasswordAlgorithmSpec;
import org.wildfly.security.password.util.ModularCrypt;

import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCodes;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
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

    /**
     * bcrypt reads at most 72 bytes of a password and ignores the rest: two passwords that share their first 72
     * bytes would both open the account. A longer password is therefore refused when it is set, and never matches.
     */
    public static final int MAX_PASSWORD_BYTES = 72;

    /** Whether bcrypt would read every byte of this password (UTF-8: a Chinese character is 3 bytes). */
    public static boolean fitsBcrypt(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES;
    }

    /** @throws ApiException PASSWORD_TOO_LONG for a password bcrypt would cut short */
    public String hash(String password) {
        if (!fitsBcrypt(password)) {
            throw new ApiException(ErrorCodes.PASSWORD_TOO_LONG,
                    "密码过长：最多 " + MAX_PASSWORD_BYTES + " 个字节（约 72 个英文字母或数字，或 24 个汉字）",
                    Map.of("maxBytes", MAX_PASSWORD_BYTES));
        }
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
            // a password longer than bcrypt reads is checked against the decoy (the same time) and never matches
            boolean fits = fitsBcrypt(password);
            if (!fits) {
                stored = ModularCrypt.decode(decoy);
            }
            boolean ok = factory.verify(factory.translate(stored), (fits ? password : "").toCharArray());
            return ok && fits && hash != null;
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
