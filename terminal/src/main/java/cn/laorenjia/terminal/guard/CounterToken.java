package cn.laorenjia.terminal.guard;

import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The counter's per-boot token: 256 random bits drawn at start, kept in memory only (never logged, never written
 * to disk). The counter's own pages read it from {@code GET /api/session}; a page of another origin cannot, so
 * it cannot call the local API even when the browser lets its request through.
 */
@Singleton
public class CounterToken {

    private final byte[] value;

    public CounterToken() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.value = Base64.getUrlEncoder().withoutPadding().encodeToString(random).getBytes(StandardCharsets.US_ASCII);
    }

    /** The token, for the session endpoint only. */
    String value() {
        return new String(value, StandardCharsets.US_ASCII);
    }

    /** Whether {@code candidate} is the token, compared in constant time. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(value, candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "CounterToken[hidden]";
    }
}
