package cn.laorenjia.settlement.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Signs people in against the embedded user store (HTTP Basic). */
@ApplicationScoped
public class PersonIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final PasswordHasher hasher;

    public PersonIdentityProvider(PasswordHasher hasher) {
        this.hasher = hasher;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        // bcrypt and the database are blocking: off the event loop
        return context.runBlocking(() -> verify(request.getUsername(), new String(request.getPassword().getPassword())));
    }

    @Transactional
    SecurityIdentity verify(String username, String password) {
        Person person = Person.<Person>find("username", username).firstResult();
        boolean passwordMatches = hasher.matches(password, person == null ? null : person.passwordHash);
        if (person == null || !passwordMatches || !person.active) {
            throw new AuthenticationFailedException("sign-in refused");
        }
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(person.username))
                .addAttribute(Roles.ATTR_PERSON_ID, person.id);
        for (String role : person.roles) {
            identity.addRole(role);
        }
        if (person.canteenId != null) {
            identity.addAttribute(Roles.ATTR_CANTEEN_ID, person.canteenId);
        }
        return identity.build();
    }
}
