package cn.laorenjia.core.qr;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the phone codes already used, until they would be refused as expired anyway. Bounded: when
 * full it forgets the code that expires first (codes are short-lived, so insertion order is close to
 * expiry order). Size it above the codes one counter can see in a validity window. Thread-safe.
 */
public final class SeenNonces {

    private final int capacity;
    private final LinkedHashMap<String, Instant> forgetAt = new LinkedHashMap<>();

    public SeenNonces(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    /** True the first time this token is seen; false for a replay. Remembers it until {@code forgetAfter}. */
    public synchronized boolean firstUse(QrToken token, Instant now, Instant forgetAfter) {
        purge(now);
        String key = token.keyId() + ":" + token.holderId() + ":" + token.issuedAt().getEpochSecond() + ":" + token.nonce();
        if (forgetAt.containsKey(key)) {
            return false;
        }
        if (forgetAt.size() >= capacity) {
            Iterator<Map.Entry<String, Instant>> oldest = forgetAt.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
        forgetAt.put(key, forgetAfter);
        return true;
    }

    public synchronized int size() {
        return forgetAt.size();
    }

    private void purge(Instant now) {
        forgetAt.values().removeIf(at -> !at.isAfter(now));
    }
}
