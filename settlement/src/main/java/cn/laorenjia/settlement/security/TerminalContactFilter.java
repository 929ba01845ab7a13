package cn.laorenjia.settlement.security;

import cn.laorenjia.settlement.offline.service.TerminalContacts;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Notes every answer this service gives an authenticated terminal — a refusal included, a server failure not — so
 * that a sale later claimed as made offline can be checked against it ({@link TerminalContacts}). Cheap: an
 * in-memory merge, no database on the request's path. It reads the identity only when the request already resolved
 * it (authentication is lazy here): asking for it would authenticate on the IO thread, e.g. for a 401 or a 404.
 */
public class TerminalContactFilter {

    private final TerminalContacts contacts;

    public TerminalContactFilter(TerminalContacts contacts) {
        this.contacts = contacts;
    }

    @ServerResponseFilter
    public void answered(ContainerResponseContext response, RoutingContext routing) {
        if (response.getStatus() >= 500 || !(routing.user() instanceof QuarkusHttpUser user)) {
            return;
        }
        SecurityIdentity identity = user.getSecurityIdentity();
        if (identity.isAnonymous() || !identity.hasRole(Roles.TERMINAL)) {
            return;
        }
        Long terminalId = identity.getAttribute(Roles.ATTR_TERMINAL_ID);
        if (terminalId != null) {
            contacts.answered(terminalId);
        }
    }
}
