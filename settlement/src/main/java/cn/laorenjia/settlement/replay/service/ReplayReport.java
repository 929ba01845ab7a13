package cn.laorenjia.settlement.replay.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A replay's answer: the period's real counter traffic decided under a proposed version, against what the ledger
 * actually paid. Counts of seniors only, never who they are.
 *
 * @param proposedVersionId  the replayed version's id (a draft's or a catalogue version's)
 * @param attemptsReplayed   identifications and sale attempts decided (subsidised or refused at the time)
 * @param seniorsNewlyReached     seniors with no subsidised meal in the ledger who would have had at least one
 * @param seniorsNoLongerReached  seniors with a subsidised meal in the ledger who would have had none
 * @param ranOnReplica       whether it read a configured read replica (otherwise the primary, read-only)
 */
public record ReplayReport(ReplayPeriod period, String proposedVersionId, String proposedTitleZh,
                           long attemptsReplayed, ReplayComparison total, List<ReplayAreaRow> areas,
                           List<ReplayRouteRow> routes, long seniorsNewlyReached, long seniorsNoLongerReached,
                           boolean ranOnReplica, Instant ranAt, Duration elapsed) {

    public ReplayReport {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(proposedVersionId, "proposedVersionId");
        Objects.requireNonNull(proposedTitleZh, "proposedTitleZh");
        Objects.requireNonNull(total, "total");
        areas = List.copyOf(areas);
        routes = List.copyOf(routes);
        Objects.requireNonNull(ranAt, "ranAt");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
