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
 * Reads a counter terminal's credential from every request:
 * <pre>Authorization: Terminal &lt;terminal-code&gt;:&lt;secret&gt;</pre>
 * The terminal code is the register's code (e.g. {@code BD-HB-01-T1}); the secret is the 43-character
 * base64url string an administrator was shown when issuing or rotating it. Requests without this
 * scheme are left to the other mechanisms (HTTP Basic for people).
 */
@ApplicationScoped
public class TerminalAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String SCHEME = "Terminal";
    private static final String PREFIX = SCHEME + " ";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Uni.createFrom().nullItem();
        }
        String credential = header.substring(PREFIX.length()).trim();
        int colon = credential.indexOf(':');
        if (colon <= 0 || colon == credential.length() - 1) {
            return Uni.createFrom().failure(new AuthenticationFailedException("malformed terminal credential"));
        }
        TerminalAuthenticationRequest request = new TerminalAuthenticationRequest(
                credential.substring(0, colon), credential.substring(colon + 1));
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identityProviderManager.authenticate(request);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Terminal realm=\"laorenjia\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TerminalAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "terminal"));
    }
}
