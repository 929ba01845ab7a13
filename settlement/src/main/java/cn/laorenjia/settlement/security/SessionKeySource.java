package cn.laorenjia.settlement.security;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * The key that encrypts people's session cookies, when none is configured: a random one for this start only (so
 * sessions end when the service restarts, and several instances would not read each other's cookies). Set
 * {@code QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY} (at least 32 random characters) in production; {@link
 * SessionKeyWarning} says so at start-up. Lowest ordinal: any configured key wins. Unlike Quarkus' own fallback,
 * the key is never written to the log.
 */
public class SessionKeySource implements ConfigSource {

    public static final String NAME = "laorenjia-per-start-session-key";
    static final String PROPERTY = "quarkus.http.auth.session.encryption-key";
    private static final String KEY;

    static {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        KEY = Base64.getEncoder().encodeToString(key);
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(PROPERTY);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(PROPERTY, KEY);
    }

    @Override
    public String getValue(String propertyName) {
        return PROPERTY.equals(propertyName) ? KEY : null;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public int getOrdinal() {
        return 10;
    }
}
