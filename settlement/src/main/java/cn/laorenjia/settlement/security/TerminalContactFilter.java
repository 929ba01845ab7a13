package cn.laorenjia.settlement.security;

import cn.laorenjia.settlement.offline.service.TerminalContacts;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Notes every answer this service gives an authenticated terminal — a refusal included, a server failure not — so
 * that a sale later claimed as made offline can be checked against it ({@link TerminalContacts}). Cheap: an
 * in-memory merge, no database on the request's path.
 */
public class TerminalContactFilter {

    private final SecurityIdentity identity;
    private final TerminalContacts contacts;

    public TerminalContactFilter(SecurityIdentity identity, TerminalContacts contacts) {
        this.identity = identity;
        this.contacts = contacts;
    }

    @ServerResponseFilter
    public void answered(ContainerResponseContext response) {
        if (response.getStatus() >= 500 || identity.isAnonymous() || !identity.hasRole(Roles.TERMINAL)) {
            return;
        }
        Long terminalId = identity.getAttribute(Roles.ATTR_TERMINAL_ID);
        if (terminalId != null) {
            contacts.answered(terminalId);
        }
    }
}
