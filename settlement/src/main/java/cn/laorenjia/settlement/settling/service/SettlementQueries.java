package cn.laorenjia.settlement.settling.service;

import cn.laorenjia.settlement.settling.service.MonthFigures.CanteenMonth;
import cn.laorenjia.settlement.settling.service.MonthFigures.DayLine;
import cn.laorenjia.settlement.settling.service.MonthFigures.MealRow;
import cn.laorenjia.settlement.settling.service.MonthFigures.Month;
import cn.laorenjia.settlement.settling.service.MonthFigures.Rollup;
import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.settlement.security.AreaScope;
import cn.laorenjia.settlement.settling.entity.SettlementRun;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what is settled: a month per canteen with rollups per 街镇 and district, a canteen's days, a day's
 * meals. Results are bounded by canteens and days, never by ledger rows (except one day's meals).
 */
@ApplicationScoped
public class SettlementQueries {

    private final SettlementRepository settlements;

    public SettlementQueries(SettlementRepository settlements) {
        this.settlements = settlements;
    }

    public static YearMonth parseMonth(String month) {
        try {
            return YearMonth.parse(month);
        } catch (RuntimeException e) {
            throw SettlementError.INVALID_MONTH.exception();
        }
    }

    @Transactional
    public Month month(YearMonth month) {
        return month(month, AreaScope.all());
    }

    /** A month's figures of the canteens within the scope (finance or supervisors of one 区 or 街镇). */
    @Transactional
    public Month month(YearMonth month, AreaScope scope) {
        List<CanteenMonth> canteens = settlements.canteenMonths(month, scope);
        Map<String, Rollup> districts = new LinkedHashMap<>();
        Map<String, Rollup> subdistricts = new LinkedHashMap<>();
        SettledFigures total = SettledFigures.ZERO;
        for (CanteenMonth cm : canteens) {
            districts.merge(cm.district(), new Rollup(cm.district(), null, 1, cm.total()), MonthFigures::merge);
            subdistricts.merge(cm.district() + "/" + cm.subdistrict(),
                    new Rollup(cm.district(), cm.subdistrict(), 1, cm.total()), MonthFigures::merge);
            total = total.plus(cm.total());
        }
        return new Month(month, List.copyOf(districts.values()), List.copyOf(subdistricts.values()), canteens, total,
                settlements.mealsPerDay(month, scope));
    }

    /** Subsidised meals per day of a month, of the canteens within the scope (the chart). */
    @Transactional
    public List<MonthFigures.DayCount> mealsPerDay(YearMonth month, AreaScope scope) {
        return settlements.mealsPerDay(month, scope);
    }

    /** A canteen's settled days and adjustments in a month, in date order. */
    @Transactional
    public List<DayLine> days(long canteenId, YearMonth month) {
        return settlements.days(canteenId, month);
    }

    /** Whether a canteen is within the scope (a canteen outside it is answered as unknown). */
    @Transactional
    public boolean covers(long canteenId, AreaScope scope) {
        return settlements.canteenWithin(canteenId, scope);
    }

    /**
     * Past runs, newest first: in the order they took the runs' lock, which is their id's order whatever the
     * clock said (runs never overlap).
     */
    @Transactional
    public RunHistory.Page runs(RunHistory.Query query) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (query.from() != null) {
            where.append(" and startedAt >= :from");
            params.and("from", query.from().atStartOfDay(ChinaCalendar.ZONE).toInstant());
        }
        if (query.to() != null) {
            where.append(" and startedAt < :to");
            params.and("to", query.to().plusDays(1).atStartOfDay(ChinaCalendar.ZONE).toInstant());
        }
        if (query.nightly()) {
            where.append(" and chainVerified is not null");
        }
        var found = SettlementRun.<SettlementRun>find(where.toString(), Sort.descending("id"), params)
                .page(query.page(), RunHistory.PAGE_SIZE);
        return new RunHistory.Page(found.count(), query.page(), RunHistory.PAGE_SIZE,
                found.list().stream().map(RunHistory.Run::of).toList());
    }

    /** A canteen's ledger entries of one day, seniors masked. */
    @Transactional
    public List<MealRow> meals(long canteenId, LocalDate day) {
        return settlements.meals(canteenId, day);
    }
}
