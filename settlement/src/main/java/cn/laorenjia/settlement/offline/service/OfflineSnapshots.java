package cn.laorenjia.settlement.offline.service;

import cn.laorenjia.contract.offline.OfflineSnapshot;
import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.calendar.WeekId;
import cn.laorenjia.core.policy.Eligibility;
import cn.laorenjia.core.policy.EligibilityRules;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.senior.PersonName;
import cn.laorenjia.settlement.ledger.service.LedgerError;
import cn.laorenjia.settlement.ledger.service.MealLedger;
import cn.laorenjia.settlement.register.entity.Canteen;
import cn.laorenjia.settlement.register.entity.Card;
import cn.laorenjia.settlement.register.entity.Senior;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Makes the offline copy a counter downloads while it is online (every few minutes). */
@ApplicationScoped
public class OfflineSnapshots {

    private final EntityManager em;
    private final PolicyCatalog policies;
    private final Clock clock;

    public OfflineSnapshots(EntityManager em, PolicyCatalog policies, Clock clock) {
        this.em = em;
        this.policies = policies;
        this.clock = clock;
    }

    @Transactional
    public OfflineSnapshot of(MealLedger.Counter counter) {
        Canteen canteen = em.find(Canteen.class, counter.canteenId());
        if (canteen == null || !canteen.active) {
            throw LedgerError.TERMINAL_NOT_OF_THIS_CANTEEN.exception();
        }
        Instant now = clock.instant();
        LocalDate today = ChinaCalendar.mealDate(now);
        WeekId week = ChinaCalendar.weekOf(today);
        PolicyVersion version = policies.inForce(canteen.jurisdiction, today).orElse(null);
        if (version == null) {
            return OfflineSnapshot.withoutPolicy(canteen.code, canteen.jurisdiction, today, now);
        }
        Map<Long, List<OfflineSnapshot.CardEntry>> cards = new HashMap<>();
        for (Object[] row : rows("select c.senior.id, c.id, c.kind, c.identifier from Card c where c.status = :active",
                "active", Card.Status.ACTIVE)) {
            cards.computeIfAbsent((Long) row[0], id -> new ArrayList<>())
                    .add(new OfflineSnapshot.CardEntry((Long) row[1], ((Card.Kind) row[2]).name(), (String) row[3]));
        }
        Map<Long, Integer> usedToday = used("select senior_id, used from quota_day where meal_date = ?1", today);
        Map<Long, Integer> usedWeek = used("select senior_id, used from quota_week where week_monday = ?1", week.monday());
        List<OfflineSnapshot.SeniorEntry> seniors = new ArrayList<>();
        List<Senior> all = em.createQuery("select distinct s from Senior s left join fetch s.facts order by s.id", Senior.class)
                .getResultList();
        for (Senior senior : all) {
            Eligibility eligibility = EligibilityRules.assess(senior.toFacts(), today, version);
            if (!eligibility.isEligible()) {
                // offline, someone not eligible today pays the full price like online; a counter needs no personal
                // data of a senior it would refuse anyway (it says OFFLINE_NOT_IN_COPY)
                continue;
            }
            // the assessment as made here: the counter decides with the core's MealDecider on it, not its own
            seniors.add(OfflineSnapshot.SeniorEntry.of(senior.id, PersonName.masked(senior.name),
                    senior.parsedIdNumber().masked(), eligibility,
                    usedToday.getOrDefault(senior.id, 0), usedWeek.getOrDefault(senior.id, 0),
                    cards.getOrDefault(senior.id, List.of())));
        }
        return OfflineSnapshot.under(version, canteen.code, canteen.jurisdiction, today, now, seniors);
    }

    private List<Object[]> rows(String jpql, String name, Object value) {
        return em.createQuery(jpql, Object[].class).setParameter(name, value).getResultList();
    }

    private Map<Long, Integer> used(String sql, LocalDate date) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(sql).setParameter(1, date).getResultList();
        Map<Long, Integer> used = new HashMap<>();
        for (Object[] row : rows) {
            used.put(((Number) row[0]).longValue(), ((Number) row[1]).intValue());
        }
        return used;
    }
}
