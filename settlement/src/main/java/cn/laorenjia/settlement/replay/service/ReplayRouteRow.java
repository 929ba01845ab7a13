package cn.laorenjia.settlement.replay.service;

import cn.laorenjia.core.policy.EligibilityRoute;

import java.util.Objects;

/**
 * One eligibility route's row: the subsidised meals of seniors who qualified by that route. A senior who qualifies
 * by two routes is counted under both, so route rows need not add up to the total (the report says so).
 */
public record ReplayRouteRow(EligibilityRoute route, ReplayComparison figures) {

    public ReplayRouteRow {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(figures, "figures");
    }
}
