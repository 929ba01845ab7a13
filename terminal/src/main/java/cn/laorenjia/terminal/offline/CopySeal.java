package cn.laorenjia.terminal.offline;

import cn.laorenjia.contract.offline.CardKey;
import cn.laorenjia.contract.offline.OfflineSnapshot;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The copy's card key as the counter keeps it on disk: encrypted (AES-256-GCM) under a key derived from this
 * terminal's secret (HMAC-SHA-256 of a label), which the counter has from its configuration and never writes beside
 * the copy. Whoever lifts the copy file gets the card hashes without their key, so cannot try the short card
 * identifiers against them; the counter, restarted offline, still has its secret and opens the key. The copy's
 * jurisdiction, day and version are authenticated with it: a key moved from another copy file does not open.
 */
final class CopySeal {

    private static final String LABEL = "laorenjia offline copy file key v1";
    private static final String FORMAT = "v1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private CopySeal(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The seal of the terminal whose secret is {@code terminalSecret}. */
    static CopySeal of(String terminalSecret) {
        if (terminalSecret == null || terminalSecret.isBlank()) {
            throw new IllegalArgumentException("no terminal secret");
        }
        return new CopySeal(CardKey.mac(terminalSecret.getBytes(StandardCharsets.UTF_8), LABEL));
    }

    /** {@code cardKey} of {@code copy}, encrypted: {@code v1.} and base64url of nonce and ciphertext. */
    String seal(CardKey cardKey, OfflineSnapshot copy) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher aes = cipher(Cipher.ENCRYPT_MODE, nonce, copy);
            byte[] sealed = aes.doFinal(Base64.getUrlDecoder().decode(cardKey.text()));
            return FORMAT + Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /**
     * The card key sealed for {@code copy}.
     *
     * @throws GeneralSecurityException when it was sealed under another secret, for another copy, or altered
     */
    CardKey open(String sealed, OfflineSnapshot copy) throws GeneralSecurityException {
        if (sealed == null || !sealed.startsWith(FORMAT)) {
            throw new GeneralSecurityException("not a sealed card key of this format");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(sealed.substring(FORMAT.length()));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("the sealed card key is not base64url", e);
        }
        if (bytes.length <= NONCE_BYTES) {
            throw new GeneralSecurityException("the sealed card key is too short");
        }
        Cipher aes = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, NONCE_BYTES), copy);
        return CardKey.of(aes.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES));
    }

    private Cipher cipher(int mode, byte[] nonce, OfflineSnapshot copy) throws GeneralSecurityException {
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        aes.updateAAD((Objects.toString(copy.jurisdiction()) + "\n" + copy.date() + "\n" + copy.version())
                .getBytes(StandardCharsets.UTF_8));
        return aes;
    }
}
