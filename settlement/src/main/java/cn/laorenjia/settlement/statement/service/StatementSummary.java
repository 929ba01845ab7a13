package cn.laorenjia.settlement.statement.service;

import cn.laorenjia.settlement.settling.service.SettledFigures;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * One row of finance's statement list: a statement's header and totals without its lines. {@code reconciled} and
 * {@code ledger}: its own month's lines against the ledger. {@code transferred}: later statements that carry
 * adjustments of this month (a confirmed statement's later difference, shown as "已转入 …调整");
 * {@code pendingNetOwedFen}: what the ledger holds for the month beyond the statement and what was transferred
 * (late meals not yet settled onto any statement). {@code originals}: the confirmed statements of earlier months
 * whose corrections this one carries.
 */
public record StatementSummary(long id, String number, long canteenId, String canteenCode, String canteenName,
                               String district, String subdistrict, YearMonth month, String status,
                               SettledFigures total, SettledFigures adjustments, SettledFigures earlierMonths,
                               SettledFigures ledger, boolean reconciled, Instant confirmedAt, String confirmedBy,
                               String confirmedByName, List<Link> transferred, List<Link> originals,
                               long pendingNetOwedFen) {

    /** Another statement of the same canteen, with the part of the amounts that links them. */
    public record Link(long statementId, String number, YearMonth month, String status, long meals,
                       long netOwedFen, String netOwed) {
    }

    /** A page of the list, the totals of everything the filter matches, and the page's rows. */
    public record Page(long total, int page, int size, Totals totals, List<StatementSummary> items) {
    }

    /** The filter's totals: statements by status, and the sums; money as yuan text, grouped text and 大写. */
    public record Totals(long statements, long drafts, long confirmed, SettledFigures figures,
                         String netOwedGrouped, String netOwedCapitals) {
    }

    /** Confirm all: how many were confirmed and each one that was not, with why. */
    public record ConfirmAll(int matched, int confirmed, List<Refusal> refused) {
    }

    public record Refusal(long statementId, String number, String canteenCode, String canteenName, String code,
                          String reason) {
    }
}
