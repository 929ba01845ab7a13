package cn.laorenjia.settlement.ledger.service;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.calendar.WeekId;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.subsidy.MealDecision;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.ledger.entity.MealEntry;
import cn.laorenjia.settlement.register.entity.Canteen;
import cn.laorenjia.settlement.register.entity.MealSet;
import cn.laorenjia.settlement.register.entity.Senior;
import cn.laorenjia.settlement.register.entity.Terminal;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Takes the sales a terminal made while it could not reach this service, in the order it made them, exactly
 * once per sale id. The rule for a sale the terminal subsidised from its cached copy (stated in README):
 * <ul>
 *   <li>within the senior's quota as the central sees it now: recorded like a live sale (offline CONFIRMED);</li>
 *   <li>the quota was meanwhile used up at another counter, or the senior is no longer eligible: recorded as an
 *       offline CONFLICT — the district reimburses the discount the canteen gave, pays no operating subsidy, and the
 *       senior's counters stay at their cap — as long as the terminal has no more than
 *       {@link OfflineConfig#conflictAllowancePerTerminalDay()} conflicts that day;</li>
 *   <li>beyond that allowance, or when the sale cannot be taken at all (unknown card, forged code, unknown set,
 *       a time outside the offline window): REJECTED — the canteen bears the discount; kept in
 *       {@code offline_rejection} and reported.</li>
 * </ul>
 * A sale the terminal did not subsidise is recorded nowhere (the ledger holds subsidised meals), unless its id is
 * already on record from a live attempt whose answer was lost: then that first answer is returned.
 *
 * <p>Conflicts are decided in the order sales reach this service: a live sale's answer is final, so a meal synced
 * later can never take the quota back from it.
 */
@ApplicationScoped
public class OfflineSales {

    private final EntityManager em;
    private final QuotaCounters quota;
    private final SeniorIdentifier seniors;
    private final MealDecisions decisions;
    private final Clock clock;
    private final ObjectMapper json;
    private final OfflineConfig config;
    private final PolicyCatalog policies;

    public OfflineSales(EntityManager em, QuotaCounters quota, SeniorIdentifier seniors, MealDecisions decisions,
                        Clock clock, ObjectMapper json, OfflineConfig config, PolicyCatalog policies) {
        this.policies = policies;
        this.em = em;
        this.quota = quota;
        this.seniors = seniors;
        this.decisions = decisions;
        this.clock = clock;
        this.json = json;
        this.config = config;
    }

    /** One sale as the terminal journalled it: the sale request and whether it gave the subsidy. */
    public record OfflineSale(AuthoriseMeal sale, boolean granted) {
        public OfflineSale {
            Objects.requireNonNull(sale, "sale");
        }
    }

    /**
     * The sales of one sync batch, in one transaction: all are taken or, on a failure, none (the terminal resends
     * the batch with the same ids). A terminal's batches are serialised so its conflict allowance is exact.
     */
    @Transactional
    public List<OfflineSaleResult> take(MealLedger.Counter counter, List<OfflineSale> sales) {
        Terminal terminal = em.find(Terminal.class, counter.terminalId());
        Canteen canteen = terminal.canteen;
        if (canteen.id != counter.canteenId() || !canteen.active) {
            throw LedgerError.TERMINAL_NOT_OF_THIS_CANTEEN.exception();
        }
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('laorenjia.offline'), ?1)")
                .setParameter(1, (int) terminal.id.longValue()).getSingleResult();
        // Hibernate would flush (and dirty-check everything loaded so far) before each of the many native queries
        // below, making a batch quadratic; the new entries are written once, at commit. What the queries must
        // still see of this batch (its conflicts, for the allowance) is counted in memory.
        em.setFlushMode(FlushModeType.COMMIT);
        Batch batch = new Batch(terminal, canteen);
        List<OfflineSaleResult> results = new ArrayList<>(sales.size());
        for (OfflineSale sale : sales) {
            results.add(takeOne(batch, sale));
        }
        em.flush();
        return results;
    }

    /** What one sync request has loaded and decided so far. */
    private static final class Batch {
        final Terminal terminal;
        final Canteen canteen;
        final Map<String, Optional<MealSet>> sets = new HashMap<>();
        final Map<LocalDate, Integer> conflicts = new HashMap<>();

        Batch(Terminal terminal, Canteen canteen) {
            this.terminal = terminal;
            this.canteen = canteen;
        }
    }

    private OfflineSaleResult takeOne(Batch batch, OfflineSale offline) {
        Terminal terminal = batch.terminal;
        Canteen canteen = batch.canteen;
        AuthoriseMeal request = offline.sale();
        // the same hash as a live request: a live attempt that did land is found and answered as it was
        String hash = RequestHash.of(request.canonical());
        Optional<OfflineSaleResult> replay = replay(request, hash);
        if (replay.isPresent()) {
            return replay.get();
        }
        if (!offline.granted()) {
            return OfflineSaleResult.notRecorded(request.saleId());
        }
        Instant now = clock.instant();
        if (request.occurredAt().isAfter(now.plus(config.maxClockSkew()))
                || request.occurredAt().isBefore(now.minus(config.maxAge()))) {
            return reject(terminal, canteen, null, request, hash, null, "TIMESTAMP_OUT_OF_RANGE",
                    "离线交易时间超出可同步范围(" + config.maxAge().toDays() + "天内),补贴由食堂承担");
        }
        Optional<MealSet> set = batch.sets.computeIfAbsent(request.mealSetCode(), code -> {
            try {
                return Optional.of(decisions.mealSet(canteen, code));
            } catch (ApiException e) {
                return Optional.empty();
            }
        });
        if (set.isEmpty()) {
            return reject(terminal, canteen, null, request, hash, null, LedgerError.UNKNOWN_MEAL_SET.name(),
                    "本食堂菜单中没有该套餐,离线补贴由食堂承担");
        }
        Senior senior;
        try {
            senior = seniors.identify(request.identification(), request.saleId());
        } catch (ApiException e) {
            return reject(terminal, canteen, null, request, hash, null, e.code(), e.messageZh() + "(离线补贴由食堂承担)");
        }
        quota.lockSenior(senior.id);
        // a concurrent live retry of the same id may have committed while we waited for the lock
        replay = replay(request, hash);
        if (replay.isPresent()) {
            return replay.get();
        }
        Money price = Money.ofFen(request.expectedPriceFen());
        MealDecisions.Decided decided = decisions.decide(canteen, set.get(), price, senior, request.occurredAt());
        MealDecision decision = decided.decision();
        LocalDate mealDate = decided.mealDate();
        WeekId week = decided.week();
        if (decision.subsidised()) {
            PolicyVersion version = decided.book().version(decision.policyVersionId()).orElseThrow();
            OptionalInt day = quota.takeDay(senior.id, mealDate, version.maxSubsidisedMealsPerDay());
            OptionalInt inWeek = quota.takeWeek(senior.id, week.monday(), version.maxSubsidisedMealsPerWeek());
            if (day.isEmpty() || inWeek.isEmpty()) {
                // cannot happen while the senior lock is held: roll the whole batch back rather than half-count
                throw new IllegalStateException("quota counters disagree with the decision for senior " + senior.id);
            }
            MealAuthorisation answer = answer(request, senior, canteen, terminal, set.get(), decided,
                    MealAuthorisation.SUBSIDISED, decision.discount(), decision.amountToPay(),
                    decision.operatingSubsidy(), decision.remainingToday(), decision.remainingThisWeek(),
                    decision.policyVersionId(), "离线交易已核准:" + decision.announcementZh());
            record(request, senior, canteen, terminal, set.get(), decided, hash, answer, MealEntry.OfflineOutcome.CONFIRMED);
            return OfflineSaleResult.of(answer);
        }
        Optional<PolicyVersion> version = decided.book().inForceOn(mealDate);
        Money discount = discountOf(canteen, mealDate, price);
        if (version.isEmpty()) {
            return reject(terminal, canteen, senior, request, hash, discount, "MEAL_NOT_COVERED",
                    "该日期没有生效的助餐政策,离线补贴由食堂承担");
        }
        if (conflictsOf(terminal, mealDate) + batch.conflicts.getOrDefault(mealDate, 0)
                >= config.conflictAllowancePerTerminalDay()) {
            return reject(terminal, canteen, senior, request, hash, discount, "OFFLINE_ALLOWANCE_EXCEEDED",
                    "本终端当日离线冲突已超过" + config.conflictAllowancePerTerminalDay()
                            + "笔的额度,本餐补贴由食堂承担(" + Refusals.of(decision).messageZh() + ")");
        }
        Money paid = price.minus(discount);
        String why = Refusals.of(decision).messageZh();
        MealAuthorisation answer = answer(request, senior, canteen, terminal, set.get(), decided,
                OfflineSaleResult.OFFLINE_CONFLICT, discount, paid, Money.ZERO, 0,
                Math.max(0, decision.remainingThisWeek()), version.get().id(),
                "离线冲突:" + why.replace("本餐按原价收费", "") + "本餐减免由区里承担,不计运营补贴");
        record(request, senior, canteen, terminal, set.get(), decided, hash, answer, MealEntry.OfflineOutcome.CONFLICT);
        batch.conflicts.merge(mealDate, 1, Integer::sum);
        return OfflineSaleResult.conflict(answer, Refusals.of(decision).code());
    }

    private MealAuthorisation answer(AuthoriseMeal request, Senior senior, Canteen canteen, Terminal terminal,
                                     MealSet set, MealDecisions.Decided decided, String status, Money discount,
                                     Money paid, Money operating, int remainingToday, int remainingThisWeek,
                                     String ruleVersion, String announcement) {
        Money price = Money.ofFen(request.expectedPriceFen());
        return new MealAuthorisation(request.saleId(), status,
                MealDecisions.seniorView(senior, decided.decision().routes()), canteen.code, terminal.code,
                new MealAuthorisation.MealSetView(set.code, set.name, set.slot.name()), decided.mealDate(),
                decided.week().toString(), price.fen(), discount.fen(), paid.fen(), operating.fen(),
                price.toYuanString(), discount.toYuanString(), paid.toYuanString(), remainingToday, remainingThisWeek,
                ruleVersion, announcement, request.occurredAt(),
                SeniorIdentifier.secondCheckRequired(request.identification()));
    }

    private void record(AuthoriseMeal request, Senior senior, Canteen canteen, Terminal terminal, MealSet set,
                        MealDecisions.Decided decided, String hash, MealAuthorisation answer,
                        MealEntry.OfflineOutcome outcome) {
        MealEntry entry = MealLedger.saleEntry(request, senior, canteen, terminal, set, decided.mealDate(), decided.week());
        entry.setPriceFen = answer.priceFen();
        entry.subsidised = true;
        entry.discountFen = answer.discountFen();
        entry.operatingSubsidyFen = answer.operatingSubsidyFen();
        entry.paidFen = answer.amountToPayFen();
        entry.ruleVersion = answer.ruleVersion();
        entry.offlineOutcome = outcome;
        entry.requestHash = hash;
        entry.response = write(answer);
        em.persist(entry);
    }

    private OfflineSaleResult reject(Terminal terminal, Canteen canteen, Senior senior, AuthoriseMeal request,
                                     String hash, Money discount, String code, String messageZh) {
        Money price = Money.ofFen(request.expectedPriceFen());
        Money given = discount != null ? discount : discountOf(canteen, ChinaCalendar.mealDate(request.occurredAt()), price);
        OfflineSaleResult result = OfflineSaleResult.rejected(request.saleId(), code, messageZh, given.fen());
        em.createNativeQuery("""
                        insert into offline_rejection (sale_id, canteen_id, terminal_id, senior_id, occurred_at, meal_date,
                            set_price_fen, discount_fen, reason_code, request_hash, response)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, cast(?11 as jsonb))""")
                .setParameter(1, request.saleId()).setParameter(2, canteen.id).setParameter(3, terminal.id)
                .setParameter(4, senior == null ? null : senior.id).setParameter(5, request.occurredAt())
                .setParameter(6, ChinaCalendar.mealDate(request.occurredAt())).setParameter(7, price.fen())
                .setParameter(8, given.fen()).setParameter(9, code).setParameter(10, hash)
                .setParameter(11, write(result)).executeUpdate();
        return result;
    }

    /** The discount a counter gives at this price under the policy in force that day (nothing without one). */
    private Money discountOf(Canteen canteen, LocalDate mealDate, Money price) {
        return policies.inForce(canteen.jurisdiction, mealDate)
                .map(v -> v.subsidyPerMeal().fen() > price.fen() ? price : v.subsidyPerMeal())
                .orElse(Money.ZERO);
    }

    private long conflictsOf(Terminal terminal, LocalDate mealDate) {
        return ((Number) em.createNativeQuery("""
                        select count(*) from meal_entry where terminal_id = ?1 and meal_date = ?2
                        and entry_type = 'SALE' and offline_outcome = 'CONFLICT'""")
                .setParameter(1, terminal.id).setParameter(2, mealDate).getSingleResult()).longValue();
    }

    private Optional<OfflineSaleResult> replay(AuthoriseMeal request, String hash) {
        MealEntry existing = em.find(MealEntry.class, request.saleId());
        if (existing != null) {
            if (existing.type != MealEntry.Type.SALE || !existing.requestHash.equals(hash)) {
                return Optional.of(OfflineSaleResult.refused(request.saleId(), LedgerError.DUPLICATE_ID_DIFFERENT_BODY));
            }
            return Optional.of(OfflineSaleResult.of(read(existing.response, MealAuthorisation.class)));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rejected = em.createNativeQuery(
                        "select request_hash, cast(response as text) from offline_rejection where sale_id = ?1")
                .setParameter(1, request.saleId()).getResultList();
        if (rejected.isEmpty()) {
            return Optional.empty();
        }
        if (!rejected.get(0)[0].equals(hash)) {
            return Optional.of(OfflineSaleResult.refused(request.saleId(), LedgerError.DUPLICATE_ID_DIFFERENT_BODY));
        }
        return Optional.of(read((String) rejected.get(0)[1], OfflineSaleResult.class));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the answer", e);
        }
    }

    private <T> T read(String stored, Class<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored answer is unreadable", e);
        }
    }
}
