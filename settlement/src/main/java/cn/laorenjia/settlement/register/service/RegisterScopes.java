package cn.laorenjia.settlement.register.service;

import cn.laorenjia.settlement.security.Roles;
import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * The one place where the caller's identity becomes a {@link RegisterScope}: the register and the applications ask
 * here on every call and pass the scope to their queries.
 */
@ApplicationScoped
public class RegisterScopes {

    private final Instance<SecurityIdentity> identity;

    public RegisterScopes(Instance<SecurityIdentity> identity) {
        this.identity = identity;
    }

    /**
     * Administrators, supervisors and finance: everything (what they may do at all is the endpoints' roles). A 街道
     * clerk: their own 区 + 街镇, or nothing when their account has none. Outside a request (start-up, the sample data,
     * scheduled work): everything. Anyone else (a canteen manager, a terminal, anonymous): nothing.
     */
    public RegisterScope current() {
        if (!Arc.container().requestContext().isActive()) {
            return RegisterScope.all();
        }
        SecurityIdentity who = identity.get();
        if (who == null || who.isAnonymous()) {
            return RegisterScope.none();
        }
        if (who.hasRole(Roles.ADMINISTRATOR) || who.hasRole(Roles.SUPERVISOR) || who.hasRole(Roles.FINANCE)) {
            return RegisterScope.all();
        }
        if (who.hasRole(Roles.CLERK)) {
            String district = who.getAttribute(Roles.ATTR_DISTRICT);
            String subdistrict = who.getAttribute(Roles.ATTR_SUBDISTRICT);
            return district == null || subdistrict == null ? RegisterScope.none()
                    : RegisterScope.subdistrict(district, subdistrict);
        }
        return RegisterScope.none();
    }
}
