package cn.laorenjia.settlement.ledger.service;

import cn.laorenjia.contract.meal.QuotaView;
import cn.laorenjia.contract.meal.MealVoid;
import cn.laorenjia.contract.meal.MealAuthorisation;
import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.calendar.WeekId;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.PolicyBook;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.policy.EligibilityRules;
import cn.laorenjia.core.policy.Reason;
import cn.laorenjia.core.policy.ReasonCode;
import cn.laorenjia.core.subsidy.MealRefusal;
import cn.laorenjia.contract.meal.RefusalReason;
import cn.laorenjia.core.senior.PersonName;
import cn.laorenjia.core.subsidy.MealDecision;
import cn.laorenjia.settlement.app.SettlementConfig;
import cn.laorenjia.settlement.cashier.entity.Cashier;
import cn.laorenjia.settlement.cashier.service.CashierRegister;
import cn.laorenjia.settlement.ledger.entity.MealEntry;
import cn.laorenjia.settlement.register.entity.Canteen;
import cn.laorenjia.settlement.register.entity.MealSet;
import cn.laorenjia.settlement.register.entity.Senior;
import cn.laorenjia.settlement.register.entity.Terminal;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import cn.laorenjia.settlement.availability.CounterPath;
import jakarta.transaction.Transactional;
import org.hibernate.jpa.HibernateHints;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The ledger of record for subsidised meals: authorises a sale against the policy in force and the
 * senior's quota across all canteens, and voids it, each exactly once per client-generated id.
 *
 * <p>Each call is one transaction. All work for one senior is serialised by a transaction-scoped lock,
 * so the decision reads exact counters and a retried id finds its first answer; the conditional counter
 * upserts in {@link QuotaCounters} are the hard guarantee that a cap is never exceeded.
 */
@ApplicationScoped
public class MealLedger {

    private final EntityManager em;
    private final QuotaCounters quota;
    private final PolicyCatalog policies;
    private final Clock clock;
    private final ObjectMapper json;
    private final Duration maxClockSkew;
    private final SeniorIdentifier seniors;
    private final MealDecisions decisions;
    private final CashierRegister cashiers;

    public MealLedger(EntityManager em, QuotaCounters quota, PolicyCatalog policies, Clock clock, ObjectMapper json,
                      SettlementConfig config, SeniorIdentifier seniors, MealDecisions decisions,
                      CashierRegister cashiers) {
        this.em = em;
        this.cashiers = cashiers;
        this.seniors = seniors;
        this.decisions = decisions;
        this.quota = quota;
        this.policies = policies;
        this.clock = clock;
        this.json = json;
        this.maxClockSkew = config.ledger().maxClockSkew();
    }

    /** The terminal that sends a request, as authenticated. */
    public record Counter(long terminalId, long canteenId) {
    }

    @Transactional
    @CounterPath
    public MealAuthorisation authorise(Counter counter, AuthoriseMeal request) {
        String hash = RequestHash.of(request.canonical());
        Optional<MealAuthorisation> replay = replaySale(request.saleId(), hash);
        if (replay.isPresent()) {
            return replay.get();
        }
        requireCloseToNow(request.occurredAt());
        Place place = place(counter, request.mealSetCode(), request.cashier());
        Terminal terminal = place.terminal();
        Canteen canteen = place.canteen();
        MealSet set = place.set();
        if (set.priceFen != request.expectedPriceFen()) {
            throw LedgerError.PRICE_CHANGED.exception(
                    "套餐价格已变为" + set.price().toYuanString() + "元，请刷新菜单后重试");
        }
        Senior senior = seniors.identify(request.identification(), request.saleId());

        LocalDate mealDate = ChinaCalendar.mealDate(request.occurredAt());
        WeekId week = ChinaCalendar.weekOf(mealDate);
        QuotaCounters.Used used = quota.lockAndRead(senior.id, mealDate, week.monday());
        MealDecisions.Decided decided = decisions.decide(canteen, set, set.price(), senior, request.occurredAt(),
                used.today(), used.thisWeek());
        MealDecision decision = decided.decision();
        PolicyBook book = decided.book();
        if (!decision.subsidised()) {
            // A concurrent retry of the same id may have committed while we waited for the lock: its quota is why
            // this attempt is refused, and its answer is the one to give. (A retry that is granted again fails on
            // the entry's primary key instead, and TransientFailures runs it again into the replay above.)
            replay = replaySale(request.saleId(), hash);
            if (replay.isPresent()) {
                return replay.get();
            }
            throw Refusals.of(decision);
        }
        PolicyVersion version = book.version(decision.policyVersionId()).orElseThrow();
        if (!quota.take(senior.id, mealDate, version.maxSubsidisedMealsPerDay(), week.monday(),
                version.maxSubsidisedMealsPerWeek())) {
            // cannot happen while the senior lock is held; if it does, the counters win and nothing is recorded
            throw LedgerError.QUOTA_USED_TODAY.exception();
        }

        MealAuthorisation answer = new MealAuthorisation(request.saleId(), MealAuthorisation.SUBSIDISED,
                MealDecisions.seniorView(senior, decision), canteen.code, terminal.code,
                new MealAuthorisation.MealSetView(set.code, set.name, set.slot.name()),
                mealDate, week.toString(), Money.ofFen(set.priceFen), decision.discount(), decision.amountToPay(),
                decision.operatingSubsidy(), decision.remainingToday(), decision.remainingThisWeek(), decision.policyVersionId(),
                decision.announcementZh(), request.occurredAt(),
                SeniorIdentifier.secondCheckRequired(request.identification()));

        MealEntry entry = saleEntry(request, senior, canteen, terminal, set, mealDate, week);
        entry.setPriceFen = set.priceFen;
        entry.subsidised = true;
        entry.discountFen = decision.discount().fen();
        entry.operatingSubsidyFen = decision.operatingSubsidy().fen();
        entry.paidFen = decision.amountToPay().fen();
        entry.ruleVersion = decision.policyVersionId();
        entry.requestHash = hash;
        entry.response = toJson(answer);
        // Everything the sale read (terminal, canteen, set, cashier, card, senior, facts) is of no more use and nothing
        // else is pending (the counters and a phone code's use went out as SQL): cleared, the flush below walks the
        // one new entry instead of dirty-checking a dozen entities on every sale.
        em.clear();
        em.persist(entry);
        // flush inside the transaction so a duplicate id surfaces here, where the caller can retry
        em.flush();
        return answer;
    }

    /** A SALE entry with who, where and when filled in; the caller sets the price, amounts and rule version. */
    static MealEntry saleEntry(AuthoriseMeal request, Senior senior, Canteen canteen, Terminal terminal, MealSet set,
                               LocalDate mealDate, WeekId week) {
        MealEntry entry = new MealEntry();
        entry.entryId = request.saleId();
        entry.type = MealEntry.Type.SALE;
        entry.seniorId = senior.id;
        entry.canteenId = canteen.id;
        entry.terminalId = terminal.id;
        entry.mealSetId = set.id;
        entry.slot = set.slot;
        entry.occurredAt = request.occurredAt();
        entry.mealDate = mealDate;
        entry.weekMonday = week.monday();
        entry.standardPriceFen = canteen.standardSetPriceFen;
        entry.cashierNumber = request.cashier();
        if (request.identification() instanceof Identification.Manual manual) {
            entry.identifiedBy = MealEntry.IdentifiedBy.MANUAL;
            entry.manualReason = manual.reason().name();
        } else if (request.identification() instanceof Identification.ByQrToken) {
            entry.identifiedBy = MealEntry.IdentifiedBy.QR;
        } else {
            entry.identifiedBy = MealEntry.IdentifiedBy.CARD;
        }
        return entry;
    }

    /** Where a live sale happens, as one query reads it. */
    private record Place(Terminal terminal, Canteen canteen, MealSet set) {
    }

    /**
     * The terminal, its canteen, the active set asked for and the cashier in one read-only query (a sale changes none
     * of them); refused as before: a terminal not of the authenticated canteen or of a closed one, then a cashier who
     * may not sign, then an unknown set.
     */
    private Place place(Counter counter, String setCode, String cashierNumber) {
        List<Object[]> rows = em.createQuery("""
                        select t, c, s, k from Terminal t join t.canteen c
                        left join MealSet s on s.canteen = c and s.code = :set and s.active = true
                        left join Cashier k on k.canteenId = c.id and k.number = :cashier
                        where t.id = :terminal""", Object[].class)
                .setParameter("terminal", counter.terminalId()).setParameter("set", setCode)
                // no cashier has an empty number: a sale without one joins none
                .setParameter("cashier", cashierNumber == null ? "" : cashierNumber)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .getResultList();
        if (rows.isEmpty()) {
            throw LedgerError.TERMINAL_NOT_OF_THIS_CANTEEN.exception();
        }
        Object[] row = rows.get(0);
        Canteen canteen = (Canteen) row[1];
        if (canteen.id != counter.canteenId() || !canteen.active) {
            throw LedgerError.TERMINAL_NOT_OF_THIS_CANTEEN.exception();
        }
        CashierRegister.requireActive(cashierNumber, (Cashier) row[3]);
        if (row[2] == null) {
            throw LedgerError.UNKNOWN_MEAL_SET.exception();
        }
        return new Place((Terminal) row[0], canteen, (MealSet) row[2]);
    }

    @Transactional
    @CounterPath
    public MealVoid voidSale(Counter counter, VoidMeal request) {
        String hash = RequestHash.of(request.canonical());
        Optional<MealVoid> replay = replayVoid(request.voidId(), hash);
        if (replay.isPresent()) {
            return replay.get();
        }
        // the sale with its canteen's jurisdiction (whose policy book gives the caps) in one query
        List<Object[]> found = em.createQuery("""
                        select e, c.jurisdiction from MealEntry e, Canteen c
                        where e.entryId = :sale and e.type = :type and c.id = e.canteenId""", Object[].class)
                .setParameter("sale", request.saleId()).setParameter("type", MealEntry.Type.SALE)
                .getResultList();
        if (found.isEmpty()) {
            throw LedgerError.UNKNOWN_SALE.exception();
        }
        MealEntry sale = (MealEntry) found.get(0)[0];
        String jurisdiction = (String) found.get(0)[1];
        if (sale.canteenId != counter.canteenId()) {
            throw LedgerError.TERMINAL_NOT_OF_THIS_CANTEEN.exception();
        }
        cashiers.requireActive(counter.canteenId(), request.cashier());
        requireCloseToNow(request.occurredAt());
        if (!ChinaCalendar.mealDate(request.occurredAt()).equals(sale.mealDate)) {
            throw LedgerError.VOID_NOT_SAME_DAY.exception();
        }
        quota.lockAndRead(sale.seniorId, sale.mealDate, sale.weekMonday);
        // under the lock, in one query: this void committed meanwhile by a concurrent retry, or another void of the sale
        List<MealEntry> reversals = em.createQuery(
                        "from MealEntry e where e.entryId = :void or e.reversesEntryId = :sale", MealEntry.class)
                .setParameter("void", request.voidId()).setParameter("sale", sale.entryId).getResultList();
        for (MealEntry reversal : reversals) {
            if (reversal.entryId.equals(request.voidId())) {
                return replayVoid(request.voidId(), hash).orElseThrow();
            }
        }
        if (!reversals.isEmpty()) {
            throw LedgerError.SALE_ALREADY_VOIDED.exception();
        }
        PolicyVersion version = policies.book(jurisdiction).version(sale.ruleVersion).orElseThrow();
        QuotaCounters.Used used;
        // an offline conflict never took quota (the cap was already reached), so it has none to give back
        if (sale.subsidised && sale.offlineOutcome != MealEntry.OfflineOutcome.CONFLICT) {
            used = quota.giveBack(sale.seniorId, sale.mealDate, sale.weekMonday);
        } else {
            used = quota.used(sale.seniorId, sale.mealDate, sale.weekMonday);
        }
        int remainingThisWeek = Math.max(0, version.maxSubsidisedMealsPerWeek() - used.thisWeek());
        int remainingToday = Math.min(remainingThisWeek, Math.max(0, version.maxSubsidisedMealsPerDay() - used.today()));

        MealVoid answer = new MealVoid(request.voidId(), sale.entryId, MealVoid.VOIDED, sale.mealDate,
                Money.ofFen(sale.discountFen), Money.ofFen(sale.operatingSubsidyFen), Money.ofFen(sale.paidFen),
                remainingToday, remainingThisWeek, "已撤销，退还" + Money.ofFen(sale.paidFen).toYuanString()
                        + "元，本周还剩" + remainingThisWeek + "次", request.occurredAt());

        MealEntry reversal = new MealEntry();
        reversal.entryId = request.voidId();
        reversal.type = MealEntry.Type.VOID;
        reversal.reversesEntryId = sale.entryId;
        reversal.seniorId = sale.seniorId;
        reversal.canteenId = sale.canteenId;
        reversal.terminalId = counter.terminalId();
        reversal.mealSetId = sale.mealSetId;
        reversal.slot = sale.slot;
        reversal.occurredAt = request.occurredAt();
        reversal.mealDate = sale.mealDate;
        reversal.weekMonday = sale.weekMonday;
        reversal.setPriceFen = sale.setPriceFen;
        reversal.standardPriceFen = sale.standardPriceFen;
        reversal.subsidised = sale.subsidised;
        reversal.discountFen = -sale.discountFen;
        reversal.operatingSubsidyFen = -sale.operatingSubsidyFen;
        reversal.paidFen = -sale.paidFen;
        reversal.ruleVersion = sale.ruleVersion;
        reversal.identifiedBy = sale.identifiedBy;
        reversal.offlineOutcome = sale.offlineOutcome;
        reversal.manualReason = request.reason();
        reversal.cashierNumber = request.cashier();
        reversal.requestHash = hash;
        reversal.response = toJson(answer);
        em.persist(reversal);
        em.flush();
        return answer;
    }

    /** Used and remaining subsidised meals for the senior display, on the server's today. */
    @Transactional
    @CounterPath
    public QuotaView quotaOf(Counter counter, Identification identification) {
        Senior senior = seniors.identify(identification);
        Canteen canteen = em.find(Canteen.class, counter.canteenId());
        LocalDate today = ChinaCalendar.mealDate(clock.instant());
        WeekId week = ChinaCalendar.weekOf(today);
        QuotaCounters.Used used = quota.used(senior.id, today, week.monday());
        int usedToday = used.today();
        int usedWeek = used.thisWeek();
        Optional<PolicyVersion> version = policies.inForce(canteen.jurisdiction, today);
        int perDay = version.map(PolicyVersion::maxSubsidisedMealsPerDay).orElse(0);
        int perWeek = version.map(PolicyVersion::maxSubsidisedMealsPerWeek).orElse(0);
        // eligibility first, from the core's decision: a senior who applied but is not approved, died or lives in an
        // institution has no subsidised meal left, whatever the counters say
        List<Reason> reasons = version.map(v -> EligibilityRules.assess(senior.toFacts(), today, v).reasons())
                .orElse(List.of(Reason.of(ReasonCode.NO_POLICY_IN_FORCE)));
        if (!reasons.isEmpty()) {
            MealRefusal refusal = MealRefusal.of(reasons.stream().map(Reason::code).toList());
            List<RefusalReason> shown = RefusalReason.shownAtCounter(reasons);
            String why = String.join("、", shown.stream().map(RefusalReason::message).toList());
            return new QuotaView(PersonName.masked(senior.name), senior.parsedIdNumber().masked(), today,
                    week.toString(), usedToday, 0, usedWeek, 0, version.map(PolicyVersion::id).orElse(null),
                    "今日不能享受助餐补贴：" + (why.isEmpty() ? refusal.factZh() : why),
                    SeniorIdentifier.secondCheckRequired(identification), false, refusal.name(), shown);
        }
        int leftWeek = Math.max(0, perWeek - usedWeek);
        int leftToday = Math.min(leftWeek, Math.max(0, perDay - usedToday));
        String announcement = leftToday > 0 ? "今日可享受补贴，本周还剩" + leftWeek + "次"
                : leftWeek == 0 ? "本周补贴次数已用完" : "今日补贴次数已用完，本周还剩" + leftWeek + "次";
        return new QuotaView(PersonName.masked(senior.name), senior.parsedIdNumber().masked(), today, week.toString(),
                usedToday, leftToday, usedWeek, leftWeek, version.map(PolicyVersion::id).orElse(null), announcement,
                SeniorIdentifier.secondCheckRequired(identification), true, "ELIGIBLE", List.of());
    }

    private Optional<MealAuthorisation> replaySale(UUID saleId, String hash) {
        return replay(saleId, hash, MealEntry.Type.SALE, MealAuthorisation.class);
    }

    private Optional<MealVoid> replayVoid(UUID voidId, String hash) {
        return replay(voidId, hash, MealEntry.Type.VOID, MealVoid.class);
    }

    private <T> Optional<T> replay(UUID id, String hash, MealEntry.Type type, Class<T> answerType) {
        MealEntry existing = em.find(MealEntry.class, id);
        if (existing == null) {
            return Optional.empty();
        }
        if (existing.type != type || !existing.requestHash.equals(hash)) {
            throw LedgerError.DUPLICATE_ID_DIFFERENT_BODY.exception();
        }
        try {
            return Optional.of(json.readValue(existing.response, answerType));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored answer of " + id + " is unreadable", e);
        }
    }

    private void requireCloseToNow(Instant occurredAt) {
        Instant now = clock.instant();
        if (Duration.between(occurredAt, now).abs().compareTo(maxClockSkew) > 0) {
            throw LedgerError.TIMESTAMP_OUT_OF_RANGE.exception();
        }
    }

    private String toJson(Object answer) {
        try {
            return json.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the answer", e);
        }
    }
}
