package cn.laorenjia.settlement.statement.service;

import cn.laorenjia.settlement.settling.service.SettledFigures;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * A monthly statement of one canteen as finance reads it. {@code ledger} is the ledger's own total for the
 * canteen's meals dated in the month; {@code reconciled} says the statement's lines for its own month
 * equal it to the fen (adjustment lines for earlier months are shown apart, in {@code earlierMonths}).
 * {@code chainPosition}/{@code chainHash}: the ledger chain's head when the statement was confirmed (台账校验值),
 * null for a draft and for statements confirmed before the chain existed.
 */
public record StatementView(long id, long canteenId, String canteenCode, String canteenName, String district,
                            String subdistrict, YearMonth month, String status, List<String> ruleVersions,
                            SettledFigures total, SettledFigures adjustments, SettledFigures ownMonth,
                            SettledFigures earlierMonths, SettledFigures ledger, boolean reconciled,
                            Instant generatedAt, Instant confirmedAt, String confirmedBy, Long chainPosition,
                            String chainHash, List<Line> lines) {

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

    public record Line(int lineNo, String kind, Long adjustmentId, LocalDate mealDate, String ruleVersion,
                       SettledFigures figures) {

        public String kindZh() {
            return "DAY".equals(kind) ? "日结" : "调整";
        }
    }
}
