package cn.laorenjia.settlement.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Terminal secrets: 256 random bits, written as 43 base64url characters (safe in a header and in a
 * terminal's configuration file), stored only as their SHA-256 digest and compared in constant time.
 * A slow password hash is not needed: nobody can guess 256 random bits, whatever the hash.
 */
public final class TerminalSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SECRET_BYTES = 32;
    /** Compared against when a terminal code is unknown, so that case costs the same as a wrong secret. */
    private static final byte[] NO_DIGEST = new byte[32];

    private TerminalSecrets() {
    }

    public static String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Constant time in the secret: MessageDigest.isEqual does not stop at the first differing byte. */
    public static boolean matches(String presented, byte[] storedDigest) {
        byte[] presentedDigest = digest(presented);
        return MessageDigest.isEqual(presentedDigest, storedDigest == null ? NO_DIGEST : storedDigest)
                && storedDigest != null;
    }
}
