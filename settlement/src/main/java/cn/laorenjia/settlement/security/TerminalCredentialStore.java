package cn.laorenjia.settlement.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import cn.laorenjia.settlement.availability.CounterPath;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What authenticating a terminal needs to know, read in one query and kept for a few seconds
 * ({@link SecurityConfig#terminalCacheTtl()}): every sale is authenticated, and the row rarely changes.
 */
@ApplicationScoped
public class TerminalCredentialStore {

    /** A terminal as authentication sees it. {@code digest} is null until a secret has been issued. */
    public record TerminalKey(long terminalId, String terminalCode, long canteenId, boolean usable, byte[] digest) {
    }

    private record Cached(Optional<TerminalKey> key, long expiresAtNanos) {
    }

    private final EntityManager em;
    private final long ttlNanos;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public TerminalCredentialStore(EntityManager em, SecurityConfig config) {
        this.em = em;
        this.ttlNanos = config.terminalCacheTtl().toNanos();
    }

    public Optional<TerminalKey> find(String terminalCode) {
        long now = System.nanoTime();
        Cached cached = cache.get(terminalCode);
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            return cached.key();
        }
        Optional<TerminalKey> key = load(terminalCode);
        if (ttlNanos > 0) {
            if (cache.size() > 10_000) {
                cache.clear(); // unknown codes must not grow the map without bound
            }
            cache.put(terminalCode, new Cached(key, now + ttlNanos));
        }
        return key;
    }

    /** Forget a terminal at once on this instance: after a rotation, (de)activation. */
    public void forget(String terminalCode) {
        cache.remove(terminalCode);
    }

    @Transactional
    @CounterPath
    Optional<TerminalKey> load(String terminalCode) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select t.id, t.canteen_id, t.active and c.active, tc.secret_sha256
                        from terminal t
                        join canteen c on c.id = t.canteen_id
                        left join terminal_credential tc on tc.terminal_id = t.id
                        where t.code = :code""")
                .setParameter("code", terminalCode)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        return Optional.of(new TerminalKey(((Number) row[0]).longValue(), terminalCode,
                ((Number) row[1]).longValue(), (Boolean) row[2], (byte[]) row[3]));
    }
}
