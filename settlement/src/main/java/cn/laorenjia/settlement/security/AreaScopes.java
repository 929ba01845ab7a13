package cn.laorenjia.settlement.security;

import cn.laorenjia.settlement.security.Roles;
import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * The one place where the caller's identity becomes an {@link AreaScope}: the register, the applications, finance and
 * supervision ask here on every call and pass the scope to their queries.
 */
@ApplicationScoped
public class AreaScopes {

    private final Instance<SecurityIdentity> identity;

    public AreaScopes(Instance<SecurityIdentity> identity) {
        this.identity = identity;
    }

    /**
     * Administrators: everything. Supervisors and finance: the 区 or 区 + 街镇 of their account, everything when it has
     * none (what they may do at all is the endpoints' roles). A 街道 clerk: their own 区 + 街镇, or nothing when their
     * account has none. Outside a request (start-up, the sample data, scheduled work): everything. Anyone else (a
     * canteen manager, a terminal, anonymous): nothing.
     */
    public AreaScope current() {
        if (!Arc.container().requestContext().isActive()) {
            return AreaScope.all();
        }
        SecurityIdentity who = identity.get();
        if (who == null || who.isAnonymous()) {
            return AreaScope.none();
        }
        if (who.hasRole(Roles.ADMINISTRATOR)) {
            return AreaScope.all();
        }
        String district = who.getAttribute(Roles.ATTR_DISTRICT);
        String subdistrict = who.getAttribute(Roles.ATTR_SUBDISTRICT);
        if (who.hasRole(Roles.CLERK)) {
            return district == null || subdistrict == null ? AreaScope.none()
                    : AreaScope.subdistrict(district, subdistrict);
        }
        if (who.hasRole(Roles.SUPERVISOR) || who.hasRole(Roles.FINANCE)) {
            if (district == null) {
                return AreaScope.all();
            }
            return subdistrict == null ? AreaScope.district(district) : AreaScope.subdistrict(district, subdistrict);
        }
        return AreaScope.none();
    }
}
