package cn.laorenjia.settlement.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * The Prometheus scraper's credential, {@code Authorization: Bearer <token>}, read on the metrics path only
 * ({@link #METRICS_PATH}): the token proves nothing anywhere else, so a leaked scrape token opens the operational
 * counts and no personal data. Checked without the database ({@link MetricsScrapeIdentityProvider}), so the metrics
 * stay readable while the database is down, when they matter most. Who may read is the HTTP permission
 * {@code quarkus.http.auth.permission.metrics} (application.properties).
 */
@ApplicationScoped
public class MetricsScrapeAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String METRICS_PATH = "/q/metrics";
    private static final String PREFIX = "Bearer ";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String path = context.normalizedPath();
        if (!path.equals(METRICS_PATH) && !path.startsWith(METRICS_PATH + "/")) {
            return Uni.createFrom().nullItem();
        }
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Uni.createFrom().nullItem();
        }
        String token = header.substring(PREFIX.length()).trim();
        if (token.isEmpty()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("empty bearer token"));
        }
        MetricsScrapeRequest request = new MetricsScrapeRequest(token);
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identityProviderManager.authenticate(request);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, null, null));
    }

    /** The challenge of an anonymous request is the people's mechanism's (401 with the JSON error body). */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        return Uni.createFrom().item(false);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(MetricsScrapeRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }
}
