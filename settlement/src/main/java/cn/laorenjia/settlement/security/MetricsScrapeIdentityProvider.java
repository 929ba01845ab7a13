package cn.laorenjia.settlement.security;

import cn.laorenjia.settlement.observe.MetricsConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks the scrape token against {@code laorenjia.metrics.token}: digests compared in constant time, no database.
 * The identity holds the one role {@link Roles#METRICS}, which no endpoint allows: it reads /q/metrics and nothing
 * else. A token shorter than {@link MetricsConfig#MIN_TOKEN_LENGTH} stops the service at start (a guessable token
 * would open the metrics to anyone who can reach the port).
 */
@ApplicationScoped
public class MetricsScrapeIdentityProvider implements IdentityProvider<MetricsScrapeRequest> {

    /** The principal's name in logs and the access log. */
    public static final String SCRAPER = "metrics-scraper";

    private final byte[] expected;

    public MetricsScrapeIdentityProvider(MetricsConfig config) {
        this.expected = config.token().map(String::trim).filter(t -> !t.isEmpty()).map(token -> {
            if (token.length() < MetricsConfig.MIN_TOKEN_LENGTH) {
                throw new IllegalStateException("laorenjia.metrics.token (LAORENJIA_METRICS_TOKEN) must be at least "
                        + MetricsConfig.MIN_TOKEN_LENGTH + " characters, e.g. `openssl rand -base64 32`");
            }
            return sha256(token);
        }).orElse(null);
    }

    /** Fails the start on a short token instead of at the first scrape. */
    void checkAtStart(@Observes StartupEvent event) {
        // the constructor ran the check
    }

    @Override
    public Class<MetricsScrapeRequest> getRequestType() {
        return MetricsScrapeRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(MetricsScrapeRequest request, AuthenticationRequestContext context) {
        if (expected == null || !MessageDigest.isEqual(expected, sha256(request.token()))) {
            return Uni.createFrom().failure(new AuthenticationFailedException("wrong metrics token"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(SCRAPER)).addRole(Roles.METRICS).build());
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
