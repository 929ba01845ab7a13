package cn.laorenjia.core.policy;

import java.util.Objects;

/**
 * One reason, with the route it concerns when it explains why a particular route does not apply
 * (e.g. {@code UNDER_AGE_FOR_ROUTE} for {@code AGE_80_LOCAL}); {@code route} is null otherwise.
 */
public record Reason(ReasonCode code, EligibilityRoute route) {

    public Reason {
        Objects.requireNonNull(code, "reason code");
    }

    public static Reason of(ReasonCode code) {
        return new Reason(code, null);
    }

    public static Reason forRoute(ReasonCode code, EligibilityRoute route) {
        return new Reason(code, Objects.requireNonNull(route, "route"));
    }

    public String labelZh() {
        return route == null ? code.labelZh() : code.labelZh() + "（" + route.labelZh() + "）";
    }

    /** {@code NOT_LOCAL} or {@code UNDER_AGE_FOR_ROUTE(AGE_80_LOCAL)}. */
    @Override
    public String toString() {
        return route == null ? code.name() : code.name() + "(" + route.name() + ")";
    }
}
