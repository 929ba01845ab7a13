package cn.laorenjia.settlement.replay.service;

import cn.laorenjia.core.money.Money;

import java.util.Objects;

/** What was actually paid beside what the proposed version would have paid, for one row of the report. */
public record ReplayComparison(ReplayFigures actual, ReplayFigures proposed) {

    public ReplayComparison {
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(proposed, "proposed");
    }

    public long mealsDifference() {
        return proposed.meals() - actual.meals();
    }

    /** Proposed minus actual, in total money (positive: the proposal costs more). */
    public Money totalDifference() {
        return proposed.total().minus(actual.total());
    }

    public long seniorsDifference() {
        return proposed.seniorsReached() - actual.seniorsReached();
    }
}
