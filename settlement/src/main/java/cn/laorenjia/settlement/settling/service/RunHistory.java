package cn.laorenjia.settlement.settling.service;

import cn.laorenjia.core.money.Money;
import cn.laorenjia.settlement.error.InvalidRequest;
import cn.laorenjia.settlement.ledger.chain.ChainHead;
import cn.laorenjia.settlement.settling.entity.SettlementRun;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Past settlement runs as finance staff, supervisors and administrators read them. */
public final class RunHistory {

    public static final int PAGE_SIZE = 50;

    private RunHistory() {
    }

    /**
     * Which runs: those started on Beijing days {@code from} to {@code to} (both inclusive, each optional); with
     * {@code nightly} only the runs that verified the ledger chain (the nightly window, by the scheduler or the
     * {@code settle} command without dates). Pages of {@link #PAGE_SIZE}, from 0.
     */
    public record Query(LocalDate from, LocalDate to, boolean nightly, int page) {

        public Query {
            if (page < 0 || page > 100_000) {
                throw InvalidRequest.of("page", "页码无效：page 为 0 至 100000");
            }
            if (from != null && to != null && to.isBefore(from)) {
                throw InvalidRequest.of("to", "日期范围无效：to 不能早于 from");
            }
        }
    }

    /** Meals and amounts of one side of a run's check (the ledger's, or everything settled for the range). */
    public record Totals(long meals, long discountFen, long operatingSubsidyFen) {

        @JsonProperty
        public long netOwedFen() {
            return Math.addExact(discountFen, operatingSubsidyFen);
        }

        @JsonProperty
        public String netOwed() {
            return Money.ofFen(netOwedFen()).toYuanString();
        }
    }

    /**
     * One run.
     *
     * @param triggeredBy   "scheduler", "cli" or the username of whoever asked
     * @param ledgerSeq     the ledger's highest seq the run saw
     * @param ledger        the ledger's totals for the range, in the run's snapshot
     * @param settled       everything settled for the range (days and adjustments) after the run
     * @param reconciled    settled = ledger for every canteen, day and rule version
     * @param chainHead     the ledger chain's head the run saw; null for runs from before the chain existed
     * @param chainVerified the verification of the whole chain: null when the run did not verify (runs asked for a
     *                      range), false when the ledger no longer matches its chain
     * @param chainProblem  when the verification failed: how many problems and the first one
     */
    public record Run(long runId, LocalDate from, LocalDate to, String triggeredBy, Instant startedAt,
                      Instant finishedAt, long ledgerSeq, int dayRows, int adjustmentRows, Totals ledger,
                      Totals settled, int mismatchedGroups, boolean reconciled, ChainHead chainHead,
                      Boolean chainVerified, String chainProblem) {

        static Run of(SettlementRun r) {
            return new Run(r.id, r.from, r.to, r.triggeredBy, r.startedAt, r.finishedAt, r.ledgerSeq, r.dayRows,
                    r.adjustmentRows,
                    new Totals(r.ledgerMeals, r.ledgerDiscount.fen(), r.ledgerOperatingSubsidy.fen()),
                    new Totals(r.settledMeals, r.settledDiscount.fen(), r.settledOperatingSubsidy.fen()),
                    r.mismatchedGroups, r.reconciled,
                    r.chainPosition == null ? null : new ChainHead(r.chainPosition, r.chainHash),
                    r.chainVerified, r.chainProblem);
        }
    }

    /** A page of runs, newest first, and how many match in all. */
    public record Page(long total, int page, int pageSize, List<Run> items) {
    }
}
