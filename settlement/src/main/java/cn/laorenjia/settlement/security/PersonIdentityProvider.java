package cn.laorenjia.settlement.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import cn.laorenjia.settlement.audit.Actor;
import cn.laorenjia.settlement.audit.Actors;
import cn.laorenjia.settlement.audit.AuditAction;
import cn.laorenjia.settlement.audit.AuditLog;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signs people in against the embedded user store (the sign-in page's form, or HTTP Basic for API clients). Every failure is audited; too many for the
 * account or the address are throttled ({@link SignInThrottle}) before the password is even looked at.
 */
@ApplicationScoped
public class PersonIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /** The routing context's key for the {@link SignInLocked} of a refused sign-in. */
    public static final String SIGN_IN_LOCKED = "laorenjia.sign-in-locked";

    private final PasswordHasher hasher;
    private final SignInThrottle throttle;
    private final AuditLog audit;

    public PersonIdentityProvider(PasswordHasher hasher, SignInThrottle throttle, AuditLog audit) {
        this.hasher = hasher;
        this.throttle = throttle;
        this.audit = audit;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        // bcrypt and the database are blocking: off the event loop
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        String address = Actors.address(routing);
        return context.runBlocking(() -> {
            try {
                return signIn(request.getUsername(), new String(request.getPassword().getPassword()), address);
            } catch (AuthenticationFailedException e) {
                if (routing != null && e.getCause() instanceof SignInLocked locked) {
                    // the sign-in page's answer says so (SignInRedirect); an API client gets 429 from the mappers
                    routing.put(SIGN_IN_LOCKED, locked);
                }
                throw e;
            }
        });
    }

    SecurityIdentity signIn(String username, String password, String address) {
        List<SignInThrottle.Key> keys = new ArrayList<>(List.of(SignInThrottle.Key.person(username)));
        if (address != null) {
            keys.add(SignInThrottle.Key.address(address));
        }
        Actor claimed = new Actor(username, Actor.Kind.PERSON, address);
        try {
            throttle.check(keys);
        } catch (SignInLocked locked) {
            audit.recordAlone(claimed, AuditAction.SIGN_IN_REFUSED_LOCKED, null,
                    Map.of("retryAfterSeconds", locked.retryAfterSeconds()));
            throw new AuthenticationFailedException(locked.getMessage(), locked);
        }
        SecurityIdentity identity = verify(username, password);
        if (identity == null) {
            Optional<Duration> refused = throttle.failed(keys);
            audit.recordAlone(claimed, AuditAction.SIGN_IN_FAILED, null,
                    refused.<Map<String, Object>>map(d -> Map.of("refusedForSeconds", d.toSeconds())).orElse(Map.of()));
            throw new AuthenticationFailedException("sign-in refused");
        }
        throttle.succeeded(SignInThrottle.Key.person(username));
        return identity;
    }

    /** The person's identity, or null when the username, password or account state does not let them in. */
    @Transactional
    SecurityIdentity verify(String username, String password) {
        Person person = Person.<Person>find("username", username).firstResult();
        boolean passwordMatches = hasher.matches(password, person == null ? null : person.passwordHash);
        if (person == null || !passwordMatches || !person.active) {
            return null;
        }
        return identityOf(person);
    }

    /** The identity of a signed-in person whose session is restored, or null when the account is gone or inactive. */
    @Transactional
    SecurityIdentity current(String username) {
        Person person = Person.<Person>find("username", username).firstResult();
        return person == null || !person.active ? null : identityOf(person);
    }

    private static SecurityIdentity identityOf(Person person) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(person.username))
                .addAttribute(Roles.ATTR_PERSON_ID, person.id);
        for (String role : person.roles) {
            identity.addRole(role);
        }
        if (person.canteenId != null) {
            identity.addAttribute(Roles.ATTR_CANTEEN_ID, person.canteenId);
        }
        if (person.district != null) {
            identity.addAttribute(Roles.ATTR_DISTRICT, person.district);
        }
        if (person.subdistrict != null) {
            identity.addAttribute(Roles.ATTR_SUBDISTRICT, person.subdistrict);
        }
        return identity.build();
    }
}
