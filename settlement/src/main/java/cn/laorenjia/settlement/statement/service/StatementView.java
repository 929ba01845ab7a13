package cn.laorenjia.settlement.statement.service;

import cn.laorenjia.core.money.Money;
import cn.laorenjia.settlement.settling.service.SettledFigures;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * A monthly statement of one canteen as finance reads it. {@code ledger} is the ledger's own total for the
 * canteen's meals dated in the month; {@code reconciled} says the statement's lines for its own month
 * equal it to the fen (adjustment lines for earlier months are shown apart, in {@code earlierMonths}).
 * {@code chainPosition}/{@code chainHash}: the ledger chain's head when the statement was confirmed (台账校验值),
 * null for a draft and for statements confirmed before the chain existed. {@code confirmedBy} is the username (for
 * audit), {@code confirmedByName} the person's name as shown. {@code transferred}: later statements carrying
 * adjustments of this month (see {@link StatementSummary}); {@code originals}: the earlier statements whose
 * corrections this one carries; {@code pendingNetOwedFen}: late meals of the month not yet on any statement.
 */
public record StatementView(long id, long canteenId, String canteenCode, String canteenName, String district,
                            String subdistrict, YearMonth month, String status, List<String> ruleVersions,
                            SettledFigures total, SettledFigures adjustments, SettledFigures ownMonth,
                            SettledFigures earlierMonths, SettledFigures ledger, boolean reconciled,
                            Instant generatedAt, Instant confirmedAt, String confirmedBy, Long chainPosition,
                            String chainHash, List<Line> lines, String confirmedByName,
                            List<StatementSummary.Link> transferred, List<StatementSummary.Link> originals,
                            long pendingNetOwedFen) {

    /** Without the links to other statements (exports of a statement built by hand, tests). */
    public StatementView(long id, long canteenId, String canteenCode, String canteenName, String district,
                         String subdistrict, YearMonth month, String status, List<String> ruleVersions,
                         SettledFigures total, SettledFigures adjustments, SettledFigures ownMonth,
                         SettledFigures earlierMonths, SettledFigures ledger, boolean reconciled,
                         Instant generatedAt, Instant confirmedAt, String confirmedBy, Long chainPosition,
                         String chainHash, List<Line> lines) {
        this(id, canteenId, canteenCode, canteenName, district, subdistrict, month, status, ruleVersions, total,
                adjustments, ownMonth, earlierMonths, ledger, reconciled, generatedAt, confirmedAt, confirmedBy,
                chainPosition, chainHash, lines, confirmedBy, List.of(), List.of(), 0);
    }

    /** The statement number printed and shown: the month and the statement's id, stable once drafted. */
    public static String number(long id, YearMonth month) {
        return "JS%d%02d-%06d".formatted(month.getYear(), month.getMonthValue(), id);
    }

    @JsonProperty
    public String number() {
        return number(id, month);
    }

    /** The total owed with thousands separators (12,345.67). */
    @JsonProperty
    public String netOwedGrouped() {
        return Money.ofFen(total.netOwedFen()).toGroupedYuanString();
    }

    /** The total owed in Chinese capitals (大写金额). */
    @JsonProperty
    public String netOwedCapitals() {
        return Money.ofFen(total.netOwedFen()).toChineseCapitals();
    }

    public boolean confirmed() {
        return "CONFIRMED".equals(status);
    }

    /** The ledger chain head as printed (position:hash), or null. */
    public String chainHead() {
        return chainHash == null ? null : chainPosition + ":" + chainHash;
    }

    public String statusZh() {
        return confirmed() ? "已确认" : "草稿";
    }

    /** {@code original}: for a correction of an earlier month, that month's statement; otherwise null. */
    public record Line(int lineNo, String kind, Long adjustmentId, LocalDate mealDate, String ruleVersion,
                       SettledFigures figures, StatementSummary.Link original) {

        public Line(int lineNo, String kind, Long adjustmentId, LocalDate mealDate, String ruleVersion,
                    SettledFigures figures) {
            this(lineNo, kind, adjustmentId, mealDate, ruleVersion, figures, null);
        }

        public String kindZh() {
            return "DAY".equals(kind) ? "日结" : "调整";
        }
    }
}
