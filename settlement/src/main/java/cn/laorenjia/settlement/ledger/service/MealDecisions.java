package cn.laorenjia.settlement.ledger.service;

import cn.laorenjia.contract.meal.MealAuthorisation;
import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.calendar.WeekId;
import cn.laorenjia.core.policy.PolicyBook;
import cn.laorenjia.core.meal.MealSlot;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.senior.PersonName;
import cn.laorenjia.core.subsidy.MealDecider;
import cn.laorenjia.core.subsidy.MealDecision;
import cn.laorenjia.core.subsidy.MealRequest;
import cn.laorenjia.settlement.register.entity.Canteen;
import cn.laorenjia.settlement.register.entity.MealSet;
import cn.laorenjia.settlement.register.entity.Senior;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Decides one meal for one senior with the core's {@link MealDecider}, from the quota counters as they stand.
 * The ledger decides this way before it records a sale, and the counter's preview decides the very same way
 * without recording anything, so a preview and the sale that follows it cannot disagree on the rules.
 * Runs inside the caller's transaction.
 */
@ApplicationScoped
public class MealDecisions {

    private final EntityManager em;
    private final QuotaCounters quota;
    private final PolicyCatalog policies;

    public MealDecisions(EntityManager em, QuotaCounters quota, PolicyCatalog policies) {
        this.em = em;
        this.quota = quota;
        this.policies = policies;
    }

    /** A decision and the book and dates it was made with. */
    public record Decided(MealDecision decision, PolicyBook book, LocalDate mealDate, WeekId week) {
    }

    public Decided decide(Canteen canteen, MealSet set, Senior senior, Instant servedAt) {
        return decide(canteen, set, set.price(), senior, servedAt);
    }

    /** Decides at a given set price: an offline sale is decided at the price the counter charged then. */
    public Decided decide(Canteen canteen, MealSet set, Money price, Senior senior, Instant servedAt) {
        LocalDate mealDate = ChinaCalendar.mealDate(servedAt);
        WeekId week = ChinaCalendar.weekOf(mealDate);
        QuotaCounters.Used used = quota.used(senior.id, mealDate, week.monday());
        return decide(canteen, set, price, senior, servedAt, used.today(), used.thisWeek());
    }

    /**
     * Decides from counters the caller has read (under the senior's lock): a sync batch reads the counters of
     * all its seniors at once and counts its own meals as it goes.
     */
    public Decided decide(Canteen canteen, MealSet set, Money price, Senior senior, Instant servedAt,
                          int usedToday, int usedThisWeek) {
        LocalDate mealDate = ChinaCalendar.mealDate(servedAt);
        WeekId week = ChinaCalendar.weekOf(mealDate);
        PolicyBook book = policies.book(canteen.jurisdiction);
        MealDecision decision = MealDecider.decide(book, senior.toFacts(),
                request(servedAt, set.slot, price, canteen.standardSetPrice(), usedToday, usedThisWeek));
        return new Decided(decision, book, mealDate, week);
    }

    /**
     * The meal as the core's decision takes it, from the counters as read: the one place a sale becomes a
     * {@link MealRequest} (the live sale, its preview, the offline sync and the policy replay).
     */
    public static MealRequest request(Instant servedAt, MealSlot slot, Money price, Money standardSetPrice,
                                      int usedToday, int usedThisWeek) {
        // the week counter includes today's meals; max() keeps a request valid should the two ever disagree
        return new MealRequest(servedAt, slot, price, standardSetPrice, usedToday, Math.max(usedThisWeek, usedToday));
    }

    /** An active set of the canteen's menu, or 404 UNKNOWN_MEAL_SET. */
    public MealSet mealSet(Canteen canteen, String code) {
        List<MealSet> sets = em.createQuery(
                        "from MealSet s where s.canteen = :canteen and s.code = :code and s.active = true", MealSet.class)
                .setParameter("canteen", canteen).setParameter("code", code).getResultList();
        if (sets.isEmpty()) {
            throw LedgerError.UNKNOWN_MEAL_SET.exception();
        }
        return sets.get(0);
    }

    /**
     * The senior as a counter may see them: masked name and ID number, and whether some route applies, never which
     * (the route names a sensitive category: 低保, 特困, a disability).
     */
    public static MealAuthorisation.SeniorView seniorView(Senior senior, MealDecision decision) {
        return MealAuthorisation.SeniorView.of(PersonName.masked(senior.name), senior.parsedIdNumber().masked(),
                decision.seniorEligible());
    }
}
