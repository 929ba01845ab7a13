package cn.laorenjia.settlement.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import cn.laorenjia.settlement.audit.Actor;
import cn.laorenjia.settlement.audit.Actors;
import cn.laorenjia.settlement.audit.AuditAction;
import cn.laorenjia.settlement.audit.AuditLog;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a terminal's secret against the stored digest. Refuses unknown terminals, terminals without an
 * issued secret, deactivated terminals and terminals of a deactivated canteen, all with the same
 * answer (401) so a caller cannot probe which is the case. Every refusal is audited; too many for the terminal
 * code or the address are throttled ({@link SignInThrottle}) before the secret is even looked at.
 */
@ApplicationScoped
public class TerminalIdentityProvider implements IdentityProvider<TerminalAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(TerminalIdentityProvider.class);

    private final TerminalCredentialStore store;
    private final SignInThrottle throttle;
    private final AuditLog audit;

    public TerminalIdentityProvider(TerminalCredentialStore store, SignInThrottle throttle, AuditLog audit) {
        this.store = store;
        this.throttle = throttle;
        this.audit = audit;
    }

    @Override
    public Class<TerminalAuthenticationRequest> getRequestType() {
        return TerminalAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TerminalAuthenticationRequest request, AuthenticationRequestContext context) {
        String address = Actors.address(HttpSecurityUtils.getRoutingContextAttribute(request));
        return context.runBlocking(() -> signIn(request, address));
    }

    SecurityIdentity signIn(TerminalAuthenticationRequest request, String address) {
        List<SignInThrottle.Key> keys = new ArrayList<>(List.of(SignInThrottle.Key.terminal(request.terminalCode())));
        if (address != null) {
            keys.add(SignInThrottle.Key.address(address));
        }
        Actor claimed = new Actor(request.terminalCode(), Actor.Kind.TERMINAL, address);
        try {
            throttle.check(keys);
        } catch (SignInLocked locked) {
            audit.recordAlone(claimed, AuditAction.TERMINAL_SIGN_IN_REFUSED_LOCKED, null,
                    Map.of("retryAfterSeconds", locked.retryAfterSeconds()));
            throw new AuthenticationFailedException(locked.getMessage(), locked);
        }
        try {
            SecurityIdentity identity = verify(request);
            throttle.succeeded(SignInThrottle.Key.terminal(request.terminalCode()));
            return identity;
        } catch (AuthenticationFailedException refused) {
            Optional<Duration> lock = throttle.failed(keys);
            audit.recordAlone(claimed, AuditAction.TERMINAL_SIGN_IN_FAILED, null,
                    lock.<Map<String, Object>>map(d -> Map.of("refusedForSeconds", d.toSeconds())).orElse(Map.of()));
            throw refused;
        }
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
