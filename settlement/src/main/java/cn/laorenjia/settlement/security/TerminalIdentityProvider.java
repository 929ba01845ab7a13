package cn.laorenjia.settlement.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Checks a terminal's secret against the stored digest. Refuses unknown terminals, terminals without an
 * issued secret, deactivated terminals and terminals of a deactivated canteen, all with the same
 * answer (401) so a caller cannot probe which is the case.
 */
@ApplicationScoped
public class TerminalIdentityProvider implements IdentityProvider<TerminalAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(TerminalIdentityProvider.class);

    private final TerminalCredentialStore store;

    public TerminalIdentityProvider(TerminalCredentialStore store) {
        this.store = store;
    }

    @Override
    public Class<TerminalAuthenticationRequest> getRequestType() {
        return TerminalAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TerminalAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> verify(request));
    }

    SecurityIdentity verify(TerminalAuthenticationRequest request) {
        Optional<TerminalCredentialStore.TerminalKey> found = store.find(request.terminalCode());
        byte[] digest = found.map(TerminalCredentialStore.TerminalKey::digest).orElse(null);
        boolean secretMatches = TerminalSecrets.matches(request.secret(), digest);
        if (found.isEmpty() || !secretMatches || !found.get().usable()) {
            LOG.debugf("Terminal credential refused for code %s (known=%s, secret=%s)", request.terminalCode(),
                    found.isPresent(), secretMatches);
            throw new AuthenticationFailedException("terminal credential refused");
        }
        TerminalCredentialStore.TerminalKey key = found.get();
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(key.terminalCode()))
                .addRole(Roles.TERMINAL)
                .addAttribute(Roles.ATTR_TERMINAL_ID, key.terminalId())
                .addAttribute(Roles.ATTR_CANTEEN_ID, key.canteenId())
                .build();
    }
}
