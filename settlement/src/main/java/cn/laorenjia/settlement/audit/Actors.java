package cn.laorenjia.settlement.audit;

import cn.laorenjia.settlement.security.Roles;
import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/** Who is acting now: the signed-in person or terminal of the current request, or the system outside a request. */
@ApplicationScoped
public class Actors {

    private final Instance<SecurityIdentity> identity;
    private final Instance<CurrentVertxRequest> request;

    public Actors(Instance<SecurityIdentity> identity, Instance<CurrentVertxRequest> request) {
        this.identity = identity;
        this.request = request;
    }

    public Actor current() {
        if (!Arc.container().requestContext().isActive()) {
            return Actor.system();
        }
        String address = address(request.get().getCurrent());
        SecurityIdentity who = identity.get();
        if (who == null || who.isAnonymous()) {
            return address == null ? Actor.system() : new Actor("anonymous", Actor.Kind.ANONYMOUS, address);
        }
        Actor.Kind kind = who.hasRole(Roles.TERMINAL) ? Actor.Kind.TERMINAL : Actor.Kind.PERSON;
        return new Actor(who.getPrincipal().getName(), kind, address);
    }

    /** The client's address as this service saw it (behind a proxy: set quarkus.http.proxy.*). */
    public static String address(RoutingContext context) {
        if (context == null || context.request() == null) {
            return null;
        }
        SocketAddress remote = context.request().remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }
}
