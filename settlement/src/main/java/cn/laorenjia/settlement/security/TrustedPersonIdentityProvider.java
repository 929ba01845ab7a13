package cn.laorenjia.settlement.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A person's session (the encrypted sign-in cookie) names only the username: their roles, canteen and whether the
 * account is still active are read again on every request, so a deactivated person or a role taken away takes
 * effect at once, not when the cookie expires.
 */
@ApplicationScoped
public class TrustedPersonIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    private final PersonIdentityProvider people;

    public TrustedPersonIdentityProvider(PersonIdentityProvider people) {
        this.people = people;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            SecurityIdentity identity = people.current(request.getPrincipal());
            if (identity == null) {
                throw new AuthenticationFailedException("session of an unknown or inactive person");
            }
            return identity;
        });
    }
}
