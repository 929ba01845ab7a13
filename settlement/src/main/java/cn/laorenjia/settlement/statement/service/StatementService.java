package cn.laorenjia.settlement.statement.service;

import cn.laorenjia.settlement.settling.service.SettledFigures;
import cn.laorenjia.settlement.settling.service.SettlementError;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Monthly statements: drafts refreshed set-based from what is settled (all canteens of a month in a few
 * statements), confirmation by finance, and the views. Writers serialise on an advisory lock; the database
 * triggers keep a confirmed statement immutable whatever the application does.
 */
@ApplicationScoped
public class StatementService {

    /** Advisory lock key of statement writers ("stmt"). */
    static final long LOCK_KEY = 0x73746d74L;

    private final AgroalDataSource dataSource;
    private final Clock clock;

    public StatementService(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Creates or refreshes the draft statements of a month for every canteen with something settled. */
    public int refreshDrafts(YearMonth month) {
        return inTransaction(c -> refresh(c, month, null));
    }

    /**
     * Confirms a draft after refreshing it from what is settled, if its own month's lines equal the ledger.
     * Refuses a confirmed statement (409 STATEMENT_CONFIRMED) and an unreconciled one (409 STATEMENT_NOT_RECONCILED).
     */
    public StatementView confirm(long id, String by) {
        inTransaction(c -> {
            String status;
            YearMonth month;
            long canteenId;
            try (PreparedStatement p = c.prepareStatement("select status, month, canteen_id from statement where id = ?")) {
                p.setLong(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        throw SettlementError.UNKNOWN_STATEMENT.exception();
                    }
                    status = rs.getString(1);
                    month = YearMonth.from(rs.getDate(2).toLocalDate());
                    canteenId = rs.getLong(3);
                }
            }
            if ("CONFIRMED".equals(status)) {
                throw SettlementError.STATEMENT_CONFIRMED.exception();
            }
            refresh(c, month, canteenId);
            StatementView view = read(c, id).orElseThrow();
            if (!view.reconciled()) {
                throw SettlementError.STATEMENT_NOT_RECONCILED.exception("结算单与台账不一致(台账 " + view.ledger().netOwed()
                        + " 元,结算单本月 " + view.ownMonth().netOwed() + " 元),请先重新结算该月再确认");
            }
            try (PreparedStatement p = c.prepareStatement(
                    "update statement set status = 'CONFIRMED', confirmed_at = ?, confirmed_by = ? where id = ? and status = 'DRAFT'")) {
                p.setTimestamp(1, Timestamp.from(clock.instant()));
                p.setString(2, by);
                p.setLong(3, id);
                p.executeUpdate();
            }
            return 1;
        });
        return statement(id);
    }

    public StatementView statement(long id) {
        return inTransaction(c -> read(c, id)).orElseThrow(SettlementError.UNKNOWN_STATEMENT::exception);
    }

    /** The statements of a month, in 区, 街镇, canteen order, with their lines. */
    public List<StatementView> statements(YearMonth month) {
        return inTransaction(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("""
                    select s.id from statement s join canteen c on c.id = s.canteen_id where s.month = ?
                    order by c.district, c.subdistrict, c.code""")) {
                p.setDate(1, Date.valueOf(month.atDay(1)));
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            List<StatementView> views = new ArrayList<>();
            for (long id : ids) {
                views.add(read(c, id).orElseThrow());
            }
            return views;
        });
    }

    /** The statement of a canteen for a month, if one was drafted. */
    public Optional<StatementView> statementOf(long canteenId, YearMonth month) {
        return inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("select id from statement where canteen_id = ? and month = ?")) {
                p.setLong(1, canteenId);
                p.setDate(2, Date.valueOf(month.atDay(1)));
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? read(c, rs.getLong(1)) : Optional.<StatementView>empty();
                }
            }
        });
    }

    private int refresh(Connection c, YearMonth month, Long onlyCanteen) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("select pg_advisory_xact_lock(" + LOCK_KEY + ")");
        }
        Date first = Date.valueOf(month.atDay(1));
        Date last = Date.valueOf(month.atEndOfMonth());
        String canteenFilter = onlyCanteen == null ? "" : " and canteen_id = " + onlyCanteen;
        // Adjustments this month's statements take: those of the month's own days, and those of earlier
        // months whose statement is confirmed, unless a draft between them comes first or a statement has one.
        String candidates = """
                select a.* from settlement_adjustment a
                where (a.meal_date between ?1 and ?2
                       or (a.meal_date < ?1
                           and exists (select 1 from statement s where s.canteen_id = a.canteen_id
                                       and s.month = date_trunc('month', a.meal_date)::date and s.status = 'CONFIRMED')
                           and not exists (select 1 from statement s where s.canteen_id = a.canteen_id
                                           and s.status = 'DRAFT' and s.month > date_trunc('month', a.meal_date)::date
                                           and s.month < ?1)))
                  and not exists (select 1 from statement_line l join statement s on s.id = l.statement_id
                                  where l.adjustment_id = a.id and not (s.month = ?1 and s.status = 'DRAFT'))"""
                + canteenFilter.replace("canteen_id", "a.canteen_id");
        update(c, """
                insert into statement (canteen_id, month, generated_at)
                select distinct canteen_id, ?1::date, ?3::timestamptz from (
                    select canteen_id from settled_day where meal_date between ?1 and ?2 %s
                    union select canteen_id from (%s) adj) x
                on conflict (canteen_id, month) do nothing""".formatted(canteenFilter, candidates), first, last);
        update(c, """
                delete from statement_line l using statement s
                where s.id = l.statement_id and s.month = ?1 and s.status = 'DRAFT' %s"""
                .formatted(canteenFilter.replace("canteen_id", "s.canteen_id")), first, last);
        update(c, """
                insert into statement_line (statement_id, line_no, kind, adjustment_id, meal_date, rule_version,
                                            sales, voids, meals, discount_fen, operating_subsidy_fen, net_owed_fen)
                select s.id, row_number() over (partition by s.id order by x.meal_date, x.kind desc, x.adjustment_id, x.rule_version),
                       x.kind, x.adjustment_id, x.meal_date, x.rule_version, x.sales, x.voids, x.meals,
                       x.discount_fen, x.operating_subsidy_fen, x.net_owed_fen
                from (select 'DAY' as kind, null::bigint as adjustment_id, canteen_id, meal_date, rule_version, sales,
                             voids, meals, discount_fen, operating_subsidy_fen, net_owed_fen
                      from settled_day where meal_date between ?1 and ?2 %s
                      union all
                      select 'ADJUSTMENT', adj.id, adj.canteen_id, adj.meal_date, adj.rule_version, adj.sales, adj.voids,
                             adj.meals, adj.discount_fen, adj.operating_subsidy_fen, adj.net_owed_fen
                      from (%s) adj) x
                join statement s on s.canteen_id = x.canteen_id and s.month = ?1 and s.status = 'DRAFT'"""
                .formatted(canteenFilter, candidates), first, last);
        return update(c, """
                update statement s set generated_at = ?3::timestamptz,
                       rule_versions = coalesce(t.rule_versions, ''), sales = coalesce(t.sales, 0),
                       voids = coalesce(t.voids, 0), meals = coalesce(t.meals, 0),
                       discount_fen = coalesce(t.discount_fen, 0), operating_subsidy_fen = coalesce(t.operating_subsidy_fen, 0),
                       net_owed_fen = coalesce(t.net_owed_fen, 0), adjustment_meals = coalesce(t.adjustment_meals, 0),
                       adjustment_net_owed_fen = coalesce(t.adjustment_net_owed_fen, 0)
                from statement s2 left join (
                    select statement_id, string_agg(distinct rule_version, ',' order by rule_version) as rule_versions,
                           sum(sales) as sales, sum(voids) as voids, sum(meals) as meals, sum(discount_fen) as discount_fen,
                           sum(operating_subsidy_fen) as operating_subsidy_fen, sum(net_owed_fen) as net_owed_fen,
                           sum(meals) filter (where kind = 'ADJUSTMENT') as adjustment_meals,
                           sum(net_owed_fen) filter (where kind = 'ADJUSTMENT') as adjustment_net_owed_fen
                    from statement_line group by statement_id) t on t.statement_id = s2.id
                where s.id = s2.id and s.month = ?1 and s.status = 'DRAFT' %s"""
                .formatted(canteenFilter.replace("canteen_id", "s.canteen_id")), first, last);
    }

    private Optional<StatementView> read(Connection c, long id) throws SQLException {
        StatementView header;
        try (PreparedStatement p = c.prepareStatement("""
                select s.id, s.canteen_id, c.code, c.name, c.district, c.subdistrict, s.month, s.status, s.rule_versions,
                       s.sales, s.voids, s.meals, s.discount_fen, s.operating_subsidy_fen, s.net_owed_fen,
                       s.adjustment_meals, s.adjustment_net_owed_fen, s.generated_at, s.confirmed_at, s.confirmed_by
                from statement s join canteen c on c.id = s.canteen_id where s.id = ?""")) {
            p.setLong(1, id);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp confirmedAt = rs.getTimestamp(19);
                header = new StatementView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), YearMonth.from(rs.getDate(7).toLocalDate()), rs.getString(8),
                        rs.getString(9).isEmpty() ? List.of() : Arrays.asList(rs.getString(9).split(",")),
                        new SettledFigures(rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13),
                                rs.getLong(14), rs.getLong(15)),
                        new SettledFigures(0, 0, rs.getLong(16), 0, 0, rs.getLong(17)), null, null, null, false,
                        rs.getTimestamp(18).toInstant(), confirmedAt == null ? null : confirmedAt.toInstant(),
                        rs.getString(20), List.of());
            }
        }
        List<StatementView.Line> lines = new ArrayList<>();
        SettledFigures adjustments = SettledFigures.ZERO;
        SettledFigures own = SettledFigures.ZERO;
        SettledFigures earlier = SettledFigures.ZERO;
        try (PreparedStatement p = c.prepareStatement("""
                select line_no, kind, adjustment_id, meal_date, rule_version, sales, voids, meals, discount_fen,
                       operating_subsidy_fen, net_owed_fen
                from statement_line where statement_id = ? order by line_no""")) {
            p.setLong(1, id);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    long adjustmentId = rs.getLong(3);
                    StatementView.Line line = new StatementView.Line(rs.getInt(1), rs.getString(2),
                            rs.wasNull() ? null : adjustmentId, rs.getDate(4).toLocalDate(), rs.getString(5),
                            new SettledFigures(rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                                    rs.getLong(10), rs.getLong(11)));
                    lines.add(line);
                    if (line.adjustmentId() != null) {
                        adjustments = adjustments.plus(line.figures());
                    }
                    if (YearMonth.from(line.mealDate()).equals(header.month())) {
                        own = own.plus(line.figures());
                    } else {
                        earlier = earlier.plus(line.figures());
                    }
                }
            }
        }
        SettledFigures ledger;
        try (PreparedStatement p = c.prepareStatement("""
                select count(*) filter (where subsidised and entry_type = 'SALE'),
                       count(*) filter (where subsidised and entry_type = 'VOID'),
                       count(*) filter (where subsidised and entry_type = 'SALE') - count(*) filter (where subsidised and entry_type = 'VOID'),
                       coalesce(sum(discount_fen), 0), coalesce(sum(operating_subsidy_fen), 0),
                       coalesce(sum(discount_fen + operating_subsidy_fen), 0)
                from meal_entry where canteen_id = ? and meal_date between ? and ?""")) {
            p.setLong(1, header.canteenId());
            p.setDate(2, Date.valueOf(header.month().atDay(1)));
            p.setDate(3, Date.valueOf(header.month().atEndOfMonth()));
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                ledger = new SettledFigures(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6));
            }
        }
        SettledFigures adjustmentTotal = new SettledFigures(adjustments.sales(), adjustments.voids(),
                header.adjustments().meals(), adjustments.discountFen(), adjustments.operatingSubsidyFen(),
                header.adjustments().netOwedFen());
        return Optional.of(new StatementView(header.id(), header.canteenId(), header.canteenCode(), header.canteenName(),
                header.district(), header.subdistrict(), header.month(), header.status(), header.ruleVersions(),
                header.total(), adjustmentTotal, own, earlier, ledger, own.equals(ledger), header.generatedAt(),
                header.confirmedAt(), header.confirmedBy(), List.copyOf(lines)));
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("statement database work failed", e);
        }
    }

    /** Binds ?1 = first day, ?2 = last day of the month, ?3 = now, by rewriting them to positional parameters. */
    private int update(Connection c, String sql, Date first, Date last) throws SQLException {
        List<Object> values = new ArrayList<>();
        StringBuilder positional = new StringBuilder();
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (ch == '?' && i + 1 < sql.length() && Character.isDigit(sql.charAt(i + 1))) {
                int n = sql.charAt(++i) - '0';
                values.add(n == 1 ? first : n == 2 ? last : Timestamp.from(clock.instant()));
                positional.append('?');
            } else {
                positional.append(ch);
            }
        }
        try (PreparedStatement p = c.prepareStatement(positional.toString())) {
            for (int i = 0; i < values.size(); i++) {
                p.setObject(i + 1, values.get(i));
            }
            return p.executeUpdate();
        }
    }
}
