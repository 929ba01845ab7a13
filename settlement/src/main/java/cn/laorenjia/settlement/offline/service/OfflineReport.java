package cn.laorenjia.settlement.offline.service;

import cn.laorenjia.core.money.Money;
import cn.laorenjia.settlement.error.InvalidRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Offline sales per canteen over a period: how many the central confirmed within quota, how many were conflicts
 * (the district reimburses their discount, no operating subsidy) and how many it rejected (the canteen bears the
 * discount). Counts net of voids; amounts in fen and in yuan. Among the rejections, flagged apart: sales beyond the
 * terminal's daily offline allowance ({@code OFFLINE_SALES_ALLOWANCE_EXCEEDED}) and sales claimed offline while the
 * central was answering the terminal ({@code TERMINAL_WAS_ONLINE}) — what a dishonest counter would try.
 */
@ApplicationScoped
public class OfflineReport {

    private final EntityManager em;

    public OfflineReport(EntityManager em) {
        this.em = em;
    }

    public record CanteenRow(String canteenCode, String canteenName, String subdistrict, long confirmed,
                             long conflicts, long conflictDiscountFen, String conflictDiscount, long rejected,
                             long canteenBearsFen, String canteenBears, long overAllowance, long whileOnline) {
    }

    /**
     * @param overAllowance rejected beyond the terminal's daily offline allowance (flagged)
     * @param whileOnline   rejected as claimed offline while the central was answering the terminal (flagged)
     */
    public record Report(LocalDate from, LocalDate to, List<CanteenRow> canteens, long confirmed, long conflicts,
                         long conflictDiscountFen, String conflictDiscount, long rejected, long canteenBearsFen,
                         String canteenBears, long overAllowance, long whileOnline) {
    }

    /** @param canteenId only this canteen (a terminal asking), or null for all */
    @Transactional
    public Report between(LocalDate from, LocalDate to, Long canteenId) {
        // DAYS.between, not from.plusDays(366): a far date would overflow into an exception of the server
        if (from == null || to == null || to.isBefore(from) || ChronoUnit.DAYS.between(from, to) > 366) {
            throw InvalidRequest.of("from", "请求内容无效：from 和 to 须给出不超过一年的期间（YYYY-MM-DD）");
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        with ledger as (
                            select canteen_id,
                                   sum(case when offline_outcome = 'CONFIRMED' then (case when entry_type = 'SALE' then 1 else -1 end) else 0 end) confirmed,
                                   sum(case when offline_outcome = 'CONFLICT' then (case when entry_type = 'SALE' then 1 else -1 end) else 0 end) conflicts,
                                   sum(case when offline_outcome = 'CONFLICT' then discount_fen else 0 end) conflict_fen
                            from meal_entry
                            where offline_outcome is not null and meal_date between ?1 and ?2
                            group by canteen_id),
                        rejected as (
                            select canteen_id, count(*) rejected, sum(discount_fen) bears_fen,
                                   count(*) filter (where reason_code = 'OFFLINE_SALES_ALLOWANCE_EXCEEDED') over_allowance,
                                   count(*) filter (where reason_code = 'TERMINAL_WAS_ONLINE') while_online
                            from offline_rejection where meal_date between ?1 and ?2 group by canteen_id)
                        select c.code, c.name, c.subdistrict, coalesce(l.confirmed, 0), coalesce(l.conflicts, 0),
                               coalesce(l.conflict_fen, 0), coalesce(r.rejected, 0), coalesce(r.bears_fen, 0),
                               coalesce(r.over_allowance, 0), coalesce(r.while_online, 0)
                        from canteen c
                        left join ledger l on l.canteen_id = c.id
                        left join rejected r on r.canteen_id = c.id
                        where (l.canteen_id is not null or r.canteen_id is not null)
                          and (cast(?3 as bigint) is null or c.id = ?3)
                        order by c.subdistrict, c.code""")
                .setParameter(1, from).setParameter(2, to).setParameter(3, canteenId).getResultList();
        List<CanteenRow> canteens = new ArrayList<>();
        long confirmed = 0, conflicts = 0, conflictFen = 0, rejected = 0, bearsFen = 0, overAllowance = 0, whileOnline = 0;
        for (Object[] row : rows) {
            CanteenRow r = new CanteenRow((String) row[0], (String) row[1], (String) row[2], n(row[3]), n(row[4]),
                    n(row[5]), Money.ofFen(n(row[5])).toYuanString(), n(row[6]), n(row[7]),
                    Money.ofFen(n(row[7])).toYuanString(), n(row[8]), n(row[9]));
            canteens.add(r);
            confirmed += r.confirmed();
            conflicts += r.conflicts();
            conflictFen += r.conflictDiscountFen();
            rejected += r.rejected();
            bearsFen += r.canteenBearsFen();
            overAllowance += r.overAllowance();
            whileOnline += r.whileOnline();
        }
        return new Report(from, to, canteens, confirmed, conflicts, conflictFen, Money.ofFen(conflictFen).toYuanString(),
                rejected, bearsFen, Money.ofFen(bearsFen).toYuanString(), overAllowance, whileOnline);
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }
}
