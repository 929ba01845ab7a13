package cn.laorenjia.contract.offline;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The key an offline copy's card hashes are made with (HMAC-SHA-256, base64url). The central derives one per
 * jurisdiction and day and sends it with the copy only to that jurisdiction's terminals: the copy names no card in
 * clear, and a copy of another day or jurisdiction cannot be matched against this one. The counter hashes what it
 * read (kind and identifier) with the copy's key and looks the hash up; the central hashes the register's cards
 * alike. Generic on purpose: a signed printed code is matched by its card id ({@link #PRINTED_CARD}), any other card
 * by its identifier.
 */
public final class CardKey {

    /** The kind a signed printed code is matched by: the identifier hashed is the card id the signed text names. */
    public static final String PRINTED_CARD = "PRINTED_QR";
    /**
     * 64 bits: the hash only has to tell apart the cards of one jurisdiction (two of 200,000 cards collide with a
     * probability near 1e-9), and its secrecy rests on the key, not on its length; every byte more costs about a
     * byte per card on the wire, where these random bytes are most of a compressed copy.
     */
    private static final int HASH_BYTES = 8;

    private final byte[] key;

    private CardKey(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("a card key has at least 16 bytes");
        }
        this.key = key.clone();
    }

    public static CardKey of(byte[] key) {
        return new CardKey(Objects.requireNonNull(key, "key"));
    }

    /** The key as the copy carries it (base64url); an unreadable text is no key. */
    public static CardKey parse(String text) {
        try {
            return new CardKey(Base64.getUrlDecoder().decode(Objects.requireNonNull(text, "cardKey")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the copy's card key is not base64url", e);
        }
    }

    public String text() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    /** The hash a card of {@code kind} whose identifier is {@code identifier} has in copies made with this key. */
    public String hash(String kind, String identifier) {
        byte[] mac = mac(key, Objects.requireNonNull(kind, "kind") + "\n" + Objects.requireNonNull(identifier, "identifier"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(mac, HASH_BYTES));
    }

    /** HMAC-SHA-256 of {@code text} (UTF-8) under {@code key}: also how the central derives a copy's key. */
    public static byte[] mac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CardKey other && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    /** Never the key itself (logs). */
    @Override
    public String toString() {
        return "CardKey[…]";
    }
}
