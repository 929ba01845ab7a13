package cn.laorenjia.settlement.settling.service;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.core.senior.PersonName;
import cn.laorenjia.settlement.settling.service.MonthFigures.CanteenMonth;
import cn.laorenjia.settlement.settling.service.MonthFigures.DayCount;
import cn.laorenjia.settlement.settling.service.MonthFigures.DayLine;
import cn.laorenjia.settlement.settling.service.MonthFigures.MealRow;
import cn.laorenjia.settlement.settling.service.MonthFigures.Month;
import cn.laorenjia.settlement.settling.service.MonthFigures.Rollup;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads what is settled: a month per canteen with rollups per 街镇 and district, a canteen's days, a day's
 * meals. Results are bounded by canteens and days, never by ledger rows (except one day's meals).
 */
@ApplicationScoped
public class SettlementQueries {

    private final AgroalDataSource dataSource;

    public SettlementQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static YearMonth parseMonth(String month) {
        try {
            return YearMonth.parse(month);
        } catch (RuntimeException e) {
            throw SettlementError.INVALID_MONTH.exception();
        }
    }

    public Month month(YearMonth month) {
        List<CanteenMonth> canteens = new ArrayList<>();
        List<DayCount> perDay = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement p = c.prepareStatement("""
                    select c.id, c.code, c.name, c.district, c.subdistrict,
                           string_agg(distinct l.rule_version, ',' order by l.rule_version),
                           sum(l.sales), sum(l.voids), sum(l.meals), sum(l.discount_fen), sum(l.operating_subsidy_fen),
                           sum(l.net_owed_fen),
                           coalesce(sum(l.sales) filter (where l.kind = 'ADJUSTMENT'), 0),
                           coalesce(sum(l.voids) filter (where l.kind = 'ADJUSTMENT'), 0),
                           coalesce(sum(l.meals) filter (where l.kind = 'ADJUSTMENT'), 0),
                           coalesce(sum(l.discount_fen) filter (where l.kind = 'ADJUSTMENT'), 0),
                           coalesce(sum(l.operating_subsidy_fen) filter (where l.kind = 'ADJUSTMENT'), 0),
                           coalesce(sum(l.net_owed_fen) filter (where l.kind = 'ADJUSTMENT'), 0)
                    from settlement_line l join canteen c on c.id = l.canteen_id
                    where l.meal_date between ? and ?
                    group by c.id, c.code, c.name, c.district, c.subdistrict
                    order by c.district, c.subdistrict, c.code""")) {
                bindMonth(p, month);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        canteens.add(new CanteenMonth(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), Arrays.asList(rs.getString(6).split(",")), figures(rs, 7),
                                figures(rs, 13)));
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("""
                    select meal_date, sum(meals) from settlement_line where meal_date between ? and ?
                    group by meal_date order by meal_date""")) {
                bindMonth(p, month);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        perDay.add(new DayCount(rs.getDate(1).toLocalDate(), rs.getLong(2)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the settled month " + month, e);
        }
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
                perDay);
    }

    /** A canteen's settled days and adjustments in a month, in date order. */
    public List<DayLine> days(long canteenId, YearMonth month) {
        List<DayLine> lines = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement p = c.prepareStatement("""
                     select kind, adjustment_id, run_id, meal_date, rule_version,
                            sales, voids, meals, discount_fen, operating_subsidy_fen, net_owed_fen
                     from settlement_line where canteen_id = ? and meal_date between ? and ?
                     order by meal_date, kind desc, adjustment_id, rule_version""")) {
            p.setLong(1, canteenId);
            p.setDate(2, Date.valueOf(month.atDay(1)));
            p.setDate(3, Date.valueOf(month.atEndOfMonth()));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    long adjustment = rs.getLong(2);
                    lines.add(new DayLine(rs.getString(1), rs.wasNull() ? null : adjustment, rs.getLong(3),
                            rs.getDate(4).toLocalDate(), rs.getString(5), figures(rs, 6)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the settled days of canteen " + canteenId, e);
        }
        return lines;
    }

    /** A canteen's ledger entries of one day, seniors masked. */
    public List<MealRow> meals(long canteenId, LocalDate day) {
        List<MealRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement p = c.prepareStatement("""
                     select e.entry_id, e.entry_type, e.occurred_at, s.name, s.id_number, t.code, m.name, e.slot,
                            e.subsidised, e.set_price_fen, e.discount_fen, e.operating_subsidy_fen, e.paid_fen,
                            e.rule_version, e.recorded_at
                     from meal_entry e join senior s on s.id = e.senior_id join terminal t on t.id = e.terminal_id
                          left join meal_set m on m.id = e.meal_set_id
                     where e.canteen_id = ? and e.meal_date = ? order by e.seq""")) {
            p.setLong(1, canteenId);
            p.setDate(2, Date.valueOf(day));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(new MealRow(rs.getObject(1, UUID.class).toString(), rs.getString(2),
                            shanghai(rs.getTimestamp(3)), PersonName.masked(rs.getString(4)),
                            IdNumber.parse(rs.getString(5)).masked(), rs.getString(6), rs.getString(7),
                            rs.getString(8), rs.getBoolean(9), rs.getLong(10), rs.getLong(11), rs.getLong(12),
                            rs.getLong(13), rs.getString(14), shanghai(rs.getTimestamp(15))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the meals of canteen " + canteenId + " on " + day, e);
        }
        return rows;
    }

    private static String shanghai(java.sql.Timestamp t) {
        return t.toInstant().atZone(ChinaCalendar.ZONE).toLocalDateTime().withNano(0).toString().replace('T', ' ');
    }

    private static void bindMonth(PreparedStatement p, YearMonth month) throws SQLException {
        p.setDate(1, Date.valueOf(month.atDay(1)));
        p.setDate(2, Date.valueOf(month.atEndOfMonth()));
    }

    static SettledFigures figures(ResultSet rs, int first) throws SQLException {
        return new SettledFigures(rs.getLong(first), rs.getLong(first + 1), rs.getLong(first + 2),
                rs.getLong(first + 3), rs.getLong(first + 4), rs.getLong(first + 5));
    }
}
