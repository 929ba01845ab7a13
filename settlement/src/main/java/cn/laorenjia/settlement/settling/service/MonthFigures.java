package cn.laorenjia.settlement.settling.service;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/** Views of what is settled, for the API, the finance pages and the exports. */
public final class MonthFigures {

    private MonthFigures() {
    }

    /** A canteen's month: everything settled for meal days of the month, adjustments included. */
    public record CanteenMonth(long canteenId, String code, String name, String district, String subdistrict,
                               List<String> ruleVersions, SettledFigures total, SettledFigures adjustments) {
    }

    /** A 街镇 or a district: the sum of its canteens. */
    public record Rollup(String district, String subdistrict, int canteens, SettledFigures total) {
    }

    public record Month(YearMonth month, List<Rollup> districts, List<Rollup> subdistricts,
                        List<CanteenMonth> canteens, SettledFigures total, List<DayCount> subsidisedMealsPerDay) {
    }

    static Rollup merge(Rollup a, Rollup b) {
        return new Rollup(a.district(), a.subdistrict(), a.canteens() + b.canteens(), a.total().plus(b.total()));
    }

    public record DayCount(LocalDate date, long meals) {
    }

    /** One line of a canteen's days: a settled day or a later adjustment to it. */
    public record DayLine(String kind, Long adjustmentId, long runId, LocalDate mealDate, String ruleVersion,
                          SettledFigures figures) {

        public String kindZh() {
            return "DAY".equals(kind) ? "日结" : "调整";
        }
    }

    /**
     * One ledger entry of a day, with the senior masked for finance staff; {@code cashierNumber} signed for it at the
     * counter (null before cashiers signed in), {@code reason} is a void's reason as the cashier gave it, or a manual
     * look-up's reason code (e.g. CARD_FORGOTTEN) for a sale; {@code identifiedBy} is CARD, QR or MANUAL and
     * {@code offlineOutcome} CONFIRMED/CONFLICT for a sale made offline and synced later (null for a live one).
     */
    public record MealRow(String entryId, String type, String occurredAt, String seniorNameMasked,
                          String seniorIdNumberMasked, String terminal, String mealSet, String slot,
                          boolean subsidised, long setPriceFen, long discountFen, long operatingSubsidyFen,
                          long paidFen, String ruleVersion, String recordedAt, String cashierNumber, String reason,
                          String identifiedBy, String offlineOutcome) {
    }
}
