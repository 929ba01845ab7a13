package cn.laorenjia.settlement.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

import java.util.Optional;
import java.util.Set;

/** The person making the current request, for decisions finer than @RolesAllowed (what to mask, which canteen). */
@RequestScoped
public class CurrentPerson {

    private final SecurityIdentity identity;

    public CurrentPerson(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The username, or "anonymous". */
    public String username() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    /**
     * Administrators, and 街道 clerks for the seniors of their own 街镇 (the register's scope keeps them to those), may
     * see ID numbers and names in full; everyone else sees them masked.
     */
    public boolean seesPersonalData() {
        return identity.hasRole(Roles.ADMINISTRATOR) || identity.hasRole(Roles.CLERK);
    }

    /** A clerk's 街镇 (and its 区); empty for administrators and every other role. */
    public Optional<String> clerkSubdistrict() {
        if (!identity.hasRole(Roles.CLERK) || identity.hasRole(Roles.ADMINISTRATOR)) {
            return Optional.empty();
        }
        return Optional.ofNullable(identity.<String>getAttribute(Roles.ATTR_SUBDISTRICT));
    }

    public Optional<String> clerkDistrict() {
        return clerkSubdistrict().map(s -> identity.<String>getAttribute(Roles.ATTR_DISTRICT));
    }

    /** The 区 the person's account is limited to (clerks, and supervisors or finance of a 区 or 街镇), if any. */
    public Optional<String> areaDistrict() {
        return identity.hasRole(Roles.ADMINISTRATOR) ? Optional.empty()
                : Optional.ofNullable(identity.<String>getAttribute(Roles.ATTR_DISTRICT));
    }

    /** The 街镇 the person's account is limited to, if any. */
    public Optional<String> areaSubdistrict() {
        return identity.hasRole(Roles.ADMINISTRATOR) ? Optional.empty()
                : Optional.ofNullable(identity.<String>getAttribute(Roles.ATTR_SUBDISTRICT));
    }

    /** A canteen manager's canteen (canteen.id); empty for other roles. */
    public Optional<Long> managedCanteenId() {
        if (!identity.hasRole(Roles.CANTEEN_MANAGER)) {
            return Optional.empty();
        }
        return Optional.ofNullable(identity.<Long>getAttribute(Roles.ATTR_CANTEEN_ID));
    }

    /** Whether the caller may see any canteen, not just the one they manage. */
    public boolean seesAllCanteens() {
        return identity.hasRole(Roles.ADMINISTRATOR) || identity.hasRole(Roles.SUPERVISOR)
                || identity.hasRole(Roles.FINANCE);
    }
}
