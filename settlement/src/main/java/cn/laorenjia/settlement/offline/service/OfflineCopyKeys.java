package cn.laorenjia.settlement.offline.service;

import cn.laorenjia.contract.offline.CardKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Base64;

/**
 * The card keys of the offline copies: one per jurisdiction and day, HMAC-SHA-256 of both under the central secret
 * (configured, or made once and kept in the database). A copy lifted from a counter names no card, and its hashes
 * match no copy of another day or jurisdiction; the key goes only to that jurisdiction's terminals, with the copy.
 * Per jurisdiction and day rather than per terminal so that a copy is built, gzip'd and diffed once for all the
 * counters of the jurisdiction instead of once per request.
 */
@ApplicationScoped
public class OfflineCopyKeys {

    private static final String LABEL = "laorenjia offline copy card key v1";

    private final EntityManager em;
    private final OfflineCopyConfig config;
    private volatile byte[] secret;

    public OfflineCopyKeys(EntityManager em, OfflineCopyConfig config) {
        this.em = em;
        this.config = config;
    }

    /** The key of {@code jurisdiction}'s copies of {@code day}. Call inside a transaction (first use reads the DB). */
    public CardKey keyFor(String jurisdiction, LocalDate day) {
        return CardKey.of(CardKey.mac(secret(), LABEL + "\n" + jurisdiction + "\n" + day));
    }

    private byte[] secret() {
        byte[] known = secret;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (secret == null) {
                secret = config.secret().map(OfflineCopyKeys::decode).orElseGet(this::stored);
            }
            return secret;
        }
    }

    private static byte[] decode(String text) {
        byte[] bytes = Base64.getDecoder().decode(text.trim());
        if (bytes.length < 32) {
            throw new IllegalStateException("laorenjia.offline-copy.secret must hold at least 32 bytes (Base64)");
        }
        return bytes;
    }

    /** The secret in the database, made now if there is none yet (a concurrent first use keeps the first one). */
    private byte[] stored() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        em.createNativeQuery("insert into offline_copy_secret (id, secret) values (1, ?1) on conflict (id) do nothing")
                .setParameter(1, fresh).executeUpdate();
        return (byte[]) em.createNativeQuery("select secret from offline_copy_secret where id = 1").getSingleResult();
    }
}
