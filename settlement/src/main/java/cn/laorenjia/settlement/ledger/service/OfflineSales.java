package cn.laorenjia.settlement.ledger.service;

import cn.laorenjia.contract.offline.OfflineSaleResult;
import cn.laorenjia.contract.meal.MealAuthorisation;
import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.calendar.WeekId;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.offline.CentralContact;
import cn.laorenjia.settlement.app.SettlementConfig;
import cn.laorenjia.settlement.cashier.service.CashierRegister;
import cn.laorenjia.core.offline.OfflineClaim;
import cn.laorenjia.core.offline.OfflineClaims;
import cn.laorenjia.core.offline.OfflineRejection;
import cn.laorenjia.core.offline.OfflineVerdict;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.subsidy.MealDecision;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.ledger.entity.MealEntry;
import cn.laorenjia.settlement.offline.service.TerminalContacts;
import cn.laorenjia.settlement.register.entity.Canteen;
import cn.laorenjia.settlement.register.entity.Card;
import cn.laorenjia.settlement.register.entity.MealSet;
import cn.laorenjia.settlement.register.entity.Senior;
import cn.laorenjia.settlement.register.entity.Terminal;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import cn.laorenjia.settlement.availability.CounterPath;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Takes the sales a terminal made while it could not reach this service, in the order it made them, exactly
 * once per sale id. Who bears what for a sale the terminal subsidised from its cached copy is the core's rule
 * ({@link OfflineClaims}, stated in README); this class brings it the facts and records its verdict:
 * <ul>
 *   <li>before anything else the central's own facts about the terminal go into the claim: how many of its offline
 *       sales it already pays for that meal day ({@link OfflineConfig#allowancePerTerminalDay()}), and whether it was
 *       answering that terminal around the claimed moment ({@link TerminalContacts}, {@link OfflineConfig#contactWindow()});
 *       beyond the allowance, or claimed while it was answering, the sale is REJECTED;</li>
 *   <li>CONFIRMED: recorded like a live sale, the senior's counters taken;</li>
 *   <li>CONFLICT (the quota used meanwhile elsewhere, eligibility changed after the copy was made, within
 *       {@link OfflineConfig#conflictAllowancePerTerminalDay()} per terminal and day): recorded with the discount and
 *       no operating subsidy; the senior's counters stay at their cap;</li>
 *   <li>REJECTED (what the counter could have checked itself — the set's price against the standard, slot, day, the
 *       price on its menu —, beyond the allowance, or a sale that cannot be taken at all: unknown card, forged code,
 *       unknown set, a time outside the offline window): the canteen bears the discount; kept in
 *       {@code offline_rejection} and reported.</li>
 * </ul>
 * A sale the terminal did not subsidise is recorded nowhere (the ledger holds subsidised meals), unless its id is
 * already on record from a live attempt whose answer was lost: then that first answer is returned.
 *
 * <p>Conflicts are decided in the order sales reach this service: a live sale's answer is final, so a meal synced
 * later can never take the quota back from it.
 *
 * <p>A batch is taken set-wise, because a counter back from a long outage may have thousands of sales waiting: its
 * earlier answers, cards, seniors and counters are read in a few statements, the seniors are locked together in
 * ascending order, the sales are decided in order in memory (each seeing the meals before it), and the counters,
 * entries and rejections are written in a few statements at the end.
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
    private final TerminalContacts contacts;
    /** How old a live sale may be when the central takes it (the ledger's clock window). */
    private final Duration liveWindow;
    private final CashierRegister cashiers;

    public OfflineSales(EntityManager em, QuotaCounters quota, SeniorIdentifier seniors, MealDecisions decisions,
                        Clock clock, ObjectMapper json, OfflineConfig config, PolicyCatalog policies,
                        TerminalContacts contacts, SettlementConfig settlement, CashierRegister cashiers) {
        this.cashiers = cashiers;
        this.liveWindow = settlement.ledger().maxClockSkew();
        this.policies = policies;
        this.contacts = contacts;
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
     * the batch with the same ids). A terminal's batches are serialised (a transaction-scoped advisory lock per terminal,
     * taken before anything is counted) so its allowances are exact however many syncs it sends at once.
     */
    @Transactional
    @CounterPath
    public List<OfflineSaleResult> take(MealLedger.Counter counter, List<OfflineSale> sales) {
        Terminal terminal = em.find(Terminal.class, counter.terminalId());
        Canteen canteen = terminal.canteen;
        if (canteen.id != counter.canteenId() || !canteen.active) {
            throw LedgerError.TERMINAL_NOT_OF_THIS_CANTEEN.exception();
        }
        // a number that is no cashier of the canteen refuses the whole batch, before anything is written
        cashiers.requireRegistered(canteen.id, sales.stream().map(s -> s.sale().cashier()).toList());
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('laorenjia.offline'), ?1)")
                .setParameter(1, (int) terminal.id.longValue()).getSingleResult();
        // no automatic flush before the queries below: the batch's entries are written once, at the end
        em.setFlushMode(FlushModeType.COMMIT);
        Batch batch = new Batch(terminal, canteen, sales);

        // 1. answers on record (a resend, or a live attempt whose answer was lost), and what needs no decision
        batch.answerFromRecord(stored(batch.ids()));
        List<Pending> toDecide = new ArrayList<>();
        Instant now = clock.instant();
        for (Pending p : batch.pending()) {
            AuthoriseMeal request = p.sale.sale();
            if (!p.sale.granted()) {
                p.result = OfflineSaleResult.notRecorded(request.saleId());
            } else if (request.occurredAt().isAfter(now.plus(config.maxClockSkew()))
                    || request.occurredAt().isBefore(now.minus(config.maxAge()))) {
                batch.reject(p, null, notTaken(batch, request, OfflineRejection.TIMESTAMP_OUT_OF_RANGE).canteenBears(),
                        "TIMESTAMP_OUT_OF_RANGE",
                        "离线交易时间超出可同步范围(" + config.maxAge().toDays() + "天内)，补贴由食堂承担");
            } else if (batch.set(request.mealSetCode()) == null) {
                batch.reject(p, null, notTaken(batch, request, OfflineRejection.UNKNOWN_MEAL_SET).canteenBears(),
                        LedgerError.UNKNOWN_MEAL_SET.name(), OfflineRejection.UNKNOWN_MEAL_SET.messageZh());
            } else {
                toDecide.add(p);
            }
        }

        // 2. who each sale was for; an unknown card or forged code is the canteen's
        identify(batch, toDecide);
        toDecide.removeIf(p -> p.result != null);

        // 3. lock the seniors; a live retry of one of these ids may have committed meanwhile
        quota.lockSeniors(toDecide.stream().map(p -> p.senior.id).toList());
        batch.answerFromRecord(stored(toDecide.stream().map(Pending::saleId).toList()));
        toDecide.removeIf(p -> p.result != null);

        // 4. decide in order, each sale seeing the meals before it, and the central's answers around it
        // the contact rule holds only against claims older than a live sale may be (core CentralContact.heldAgainst)
        Instant judgedAt = clock.instant();
        batch.contacts = contacts.around(terminal.id, toDecide.stream().map(p -> p.sale.sale().occurredAt())
                .filter(at -> CentralContact.heldAgainst(at, judgedAt, liveWindow)).toList());
        loadFacts(toDecide);
        Counters counters = new Counters(toDecide);
        for (Pending p : toDecide) {
            decide(batch, counters, p);
        }

        // 5. write: counters, entries, rejections
        quota.addToDays(counters.dayAdditions());
        quota.addToWeeks(counters.weekAdditions());
        batch.entries.forEach(em::persist);
        em.flush();
        writeRejections(batch.rejections);
        return batch.results();
    }

    /** One sale of the batch, as far as it has been taken. */
    private static final class Pending {
        final OfflineSale sale;
        final String hash;
        Senior senior;
        OfflineSaleResult result;

        Pending(OfflineSale sale) {
            this.sale = sale;
            // the same hash as a live request: a live attempt that did land is found and answered as it was
            this.hash = RequestHash.of(sale.sale().canonical());
        }

        UUID saleId() {
            return sale.sale().saleId();
        }
    }

    /** A sale's answer on record: its hash and what was answered. */
    private record Stored(boolean sale, String hash, String response, boolean rejection, String conflictReason) {
    }

    /** A rejection to write, with its answer. */
    private record Rejection(Pending pending, long canteenId, long terminalId, Long seniorId, long discountFen,
                             String code, OfflineSaleResult result) {
    }

    /** What one sync request has loaded and decided so far. */
    private final class Batch {
        final Terminal terminal;
        final Canteen canteen;
        final List<Pending> all = new ArrayList<>();
        final Map<String, MealSet> sets = new HashMap<>();
        final Map<LocalDate, Long> conflicts = new HashMap<>();
        final Map<LocalDate, Long> paid = new HashMap<>();
        Map<Instant, CentralContact> contacts = Map.of();
        final List<MealEntry> entries = new ArrayList<>();
        final List<Rejection> rejections = new ArrayList<>();

        Batch(Terminal terminal, Canteen canteen, List<OfflineSale> sales) {
            this.terminal = terminal;
            this.canteen = canteen;
            Set<UUID> ids = new HashSet<>();
            for (OfflineSale sale : sales) {
                if (!ids.add(sale.sale().saleId())) {
                    throw new IllegalArgumentException("a saleId appears twice in one sync request");
                }
                all.add(new Pending(sale));
            }
            for (MealSet set : em.createQuery("from MealSet s where s.canteen = :canteen and s.active = true",
                    MealSet.class).setParameter("canteen", canteen).getResultList()) {
                sets.put(set.code, set);
            }
        }

        List<UUID> ids() {
            return all.stream().map(Pending::saleId).toList();
        }

        List<Pending> pending() {
            return all.stream().filter(p -> p.result == null).toList();
        }

        MealSet set(String code) {
            return sets.get(code);
        }

        void answerFromRecord(Map<UUID, Stored> stored) {
            for (Pending p : all) {
                Stored s = stored.get(p.saleId());
                if (s == null || p.result != null) {
                    continue;
                }
                if ((!s.rejection() && !s.sale()) || !s.hash().equals(p.hash)) {
                    p.result = OfflineSaleResult.refused(p.saleId(), LedgerError.DUPLICATE_ID_DIFFERENT_BODY.name(),
                            LedgerError.DUPLICATE_ID_DIFFERENT_BODY.messageZh());
                } else if (s.rejection()) {
                    p.result = read(s.response(), OfflineSaleResult.class);
                } else if (s.conflictReason() != null) {
                    p.result = OfflineSaleResult.conflict(read(s.response(), MealAuthorisation.class), s.conflictReason());
                } else {
                    p.result = OfflineSaleResult.of(read(s.response(), MealAuthorisation.class));
                }
            }
        }

        /** This terminal's conflicts on a day: those on record, and this batch's so far. */
        long conflictsOn(LocalDate mealDate) {
            readRecordOf(mealDate);
            return conflicts.get(mealDate);
        }

        /**
         * This terminal's offline sales the district pays for on a day (confirmed and conflicts, voided or not): those
         * on record, and this batch's so far.
         */
        long paidOn(LocalDate mealDate) {
            readRecordOf(mealDate);
            return paid.get(mealDate);
        }

        /** Both counts of a day as on record, in one query, the first time the batch meets the day. */
        private void readRecordOf(LocalDate mealDate) {
            if (paid.containsKey(mealDate)) {
                return;
            }
            Object[] counts = (Object[]) em.createNativeQuery("""
                            select count(*) filter (where offline_outcome = 'CONFLICT'), count(*) from meal_entry
                            where terminal_id = ?1 and meal_date = ?2
                            and entry_type = 'SALE' and offline_outcome in ('CONFIRMED', 'CONFLICT')""")
                    .setParameter(1, terminal.id).setParameter(2, mealDate).getSingleResult();
            conflicts.put(mealDate, ((Number) counts[0]).longValue());
            paid.put(mealDate, ((Number) counts[1]).longValue());
        }

        CentralContact contactAt(Instant claimedAt) {
            CentralContact contact = contacts.get(claimedAt);
            return contact != null ? contact : CentralContact.none(claimedAt, config.contactWindow());
        }

        /** Rejects a sale: the canteen bears what the core's verdict says. */
        void reject(Pending p, Senior senior, Money canteenBears, String code, String messageZh) {
            AuthoriseMeal request = p.sale.sale();
            p.result = OfflineSaleResult.rejected(request.saleId(), code, messageZh, canteenBears.fen());
            rejections.add(new Rejection(p, canteen.id, terminal.id, senior == null ? null : senior.id,
                    canteenBears.fen(), code, p.result));
        }

        List<OfflineSaleResult> results() {
            return all.stream().map(p -> Objects.requireNonNull(p.result, "every sale answered")).toList();
        }
    }

    /** The day and week counters of the batch's seniors, as read under their locks plus this batch's meals. */
    private final class Counters {
        final Map<QuotaCounters.Key, Integer> day;
        final Map<QuotaCounters.Key, Integer> week;
        final Map<QuotaCounters.Key, int[]> dayAdded = new LinkedHashMap<>();
        final Map<QuotaCounters.Key, int[]> weekAdded = new LinkedHashMap<>();

        Counters(List<Pending> sales) {
            Set<QuotaCounters.Key> days = new HashSet<>();
            Set<QuotaCounters.Key> weeks = new HashSet<>();
            for (Pending p : sales) {
                LocalDate date = ChinaCalendar.mealDate(p.sale.sale().occurredAt());
                days.add(new QuotaCounters.Key(p.senior.id, date));
                weeks.add(new QuotaCounters.Key(p.senior.id, ChinaCalendar.weekOf(date).monday()));
            }
            day = new HashMap<>(quota.usedOnDays(days));
            week = new HashMap<>(quota.usedInWeeks(weeks));
        }

        int usedOnDay(long senior, LocalDate date) {
            return day.getOrDefault(new QuotaCounters.Key(senior, date), 0);
        }

        int usedInWeek(long senior, LocalDate monday) {
            return week.getOrDefault(new QuotaCounters.Key(senior, monday), 0);
        }

        void take(long senior, LocalDate date, LocalDate monday, PolicyVersion version) {
            take(day, dayAdded, new QuotaCounters.Key(senior, date), version.maxSubsidisedMealsPerDay());
            take(week, weekAdded, new QuotaCounters.Key(senior, monday), version.maxSubsidisedMealsPerWeek());
        }

        private void take(Map<QuotaCounters.Key, Integer> used, Map<QuotaCounters.Key, int[]> added,
                          QuotaCounters.Key key, int cap) {
            used.merge(key, 1, Integer::sum);
            int[] a = added.computeIfAbsent(key, k -> new int[] {0, cap});
            a[0]++;
            a[1] = Math.min(a[1], cap);
        }

        List<QuotaCounters.Addition> dayAdditions() {
            return additions(dayAdded);
        }

        List<QuotaCounters.Addition> weekAdditions() {
            return additions(weekAdded);
        }

        private List<QuotaCounters.Addition> additions(Map<QuotaCounters.Key, int[]> added) {
            List<QuotaCounters.Addition> list = new ArrayList<>(added.size());
            added.forEach((key, a) -> list.add(new QuotaCounters.Addition(key, a[0], a[1])));
            return list;
        }
    }

    /** Finds each sale's senior: cards in one query, codes one by one (a phone code is used up by its sale). */
    private void identify(Batch batch, List<Pending> sales) {
        List<Identification.ByCard> presented = new ArrayList<>();
        for (Pending p : sales) {
            if (p.sale.sale().identification() instanceof Identification.ByCard card) {
                if (SeniorIdentifier.isBarePrintedCode(card)) {
                    // honoured only as its signed text: the identifier alone is in every offline copy
                    AuthoriseMeal request = p.sale.sale();
                    batch.reject(p, null, notTaken(batch, request, OfflineRejection.UNIDENTIFIED).canteenBears(),
                            LedgerError.PRINTED_QR_NOT_SIGNED.name(),
                            LedgerError.PRINTED_QR_NOT_SIGNED.messageZh() + "（离线补贴由食堂承担）");
                } else {
                    presented.add(card);
                }
            }
        }
        Map<Identification.ByCard, Card> cards = seniors.cards(presented);
        for (Pending p : sales) {
            if (p.result != null) {
                continue;
            }
            AuthoriseMeal request = p.sale.sale();
            try {
                p.senior = request.identification() instanceof Identification.ByCard card
                        ? SeniorIdentifier.holder(cards.get(card), ChinaCalendar.mealDate(request.occurredAt()))
                        // a code is judged at the moment it was shown, when the counter verified it
                        : seniors.identify(request.identification(), request.saleId(), request.occurredAt());
            } catch (ApiException e) {
                // the specific code (UNKNOWN_CARD, QR_REPLAYED…) tells the canteen what to fix
                batch.reject(p, null, notTaken(batch, request, OfflineRejection.UNIDENTIFIED).canteenBears(), e.code(),
                        e.messageZh() + "（离线补贴由食堂承担）");
            }
        }
    }

    /** The eligibility facts of the batch's seniors, in one query rather than one per senior. */
    private void loadFacts(List<Pending> sales) {
        Set<Long> ids = new HashSet<>();
        sales.forEach(p -> ids.add(p.senior.id));
        if (!ids.isEmpty()) {
            em.createQuery("select distinct s from Senior s left join fetch s.facts where s.id in :ids", Senior.class)
                    .setParameter("ids", ids).getResultList();
        }
    }

    /** Decides one sale with the ledger's decision, and lets the core's rule say who bears what. */
    private void decide(Batch batch, Counters counters, Pending p) {
        AuthoriseMeal request = p.sale.sale();
        Senior senior = p.senior;
        MealSet set = batch.set(request.mealSetCode());
        Money price = Money.ofFen(request.expectedPriceFen());
        LocalDate date = ChinaCalendar.mealDate(request.occurredAt());
        LocalDate monday = ChinaCalendar.weekOf(date).monday();
        // decided at the price the counter charged; the claim compares it with the menu's
        MealDecisions.Decided decided = decisions.decide(batch.canteen, set, price, senior, request.occurredAt(),
                counters.usedOnDay(senior.id, date), counters.usedInWeek(senior.id, monday));
        MealDecision decision = decided.decision();
        LocalDate mealDate = decided.mealDate();
        Optional<PolicyVersion> inForce = decided.book().inForceOn(mealDate);
        OfflineVerdict verdict = OfflineClaims.classify(new OfflineClaim(decision, inForce, set.price(),
                batch.conflictsOn(mealDate), config.conflictAllowancePerTerminalDay(), batch.paidOn(mealDate),
                config.allowancePerTerminalDay(), batch.contactAt(request.occurredAt())));
        switch (verdict.outcome()) {
            case CONFIRMED -> {
                counters.take(senior.id, mealDate, decided.week().monday(), inForce.orElseThrow());
                MealAuthorisation answer = answer(batch, request, senior, set, decided, MealAuthorisation.SUBSIDISED,
                        verdict.discountReimbursed(), price.minus(verdict.discountReimbursed()),
                        verdict.operatingSubsidy(), decision.remainingToday(), decision.remainingThisWeek(),
                        decision.policyVersionId(), verdict.messageZh());
                record(batch, p, set, decided, answer, MealEntry.OfflineOutcome.CONFIRMED);
                batch.paid.merge(mealDate, 1L, Long::sum);
                p.result = OfflineSaleResult.of(answer);
            }
            case CONFLICT -> {
                MealAuthorisation answer = answer(batch, request, senior, set, decided,
                        OfflineSaleResult.OFFLINE_CONFLICT, verdict.discountReimbursed(),
                        price.minus(verdict.discountReimbursed()), verdict.operatingSubsidy(), 0,
                        Math.max(0, decision.remainingThisWeek()), decision.policyVersionId(), verdict.messageZh());
                record(batch, p, set, decided, answer, MealEntry.OfflineOutcome.CONFLICT).offlineReason = verdict.code();
                batch.conflicts.merge(mealDate, 1L, Long::sum);
                batch.paid.merge(mealDate, 1L, Long::sum);
                p.result = OfflineSaleResult.conflict(answer, verdict.code());
            }
            case REJECTED -> batch.reject(p, senior, verdict.canteenBears(), verdict.code(), verdict.messageZh());
        }
    }

    /** The verdict for a sale that cannot be decided: the canteen bears the discount its counter gave. */
    private OfflineVerdict notTaken(Batch batch, AuthoriseMeal request, OfflineRejection reason) {
        LocalDate mealDate = ChinaCalendar.mealDate(request.occurredAt());
        return OfflineClaims.notTaken(reason, policies.inForce(batch.canteen.jurisdiction, mealDate),
                Money.ofFen(request.expectedPriceFen()));
    }

    private MealAuthorisation answer(Batch batch, AuthoriseMeal request, Senior senior, MealSet set,
                                     MealDecisions.Decided decided, String status, Money discount, Money paid,
                                     Money operating, int remainingToday, int remainingThisWeek, String ruleVersion,
                                     String announcement) {
        Money price = Money.ofFen(request.expectedPriceFen());
        return new MealAuthorisation(request.saleId(), status,
                MealDecisions.seniorView(senior, decided.decision()), batch.canteen.code, batch.terminal.code,
                new MealAuthorisation.MealSetView(set.code, set.name, set.slot.name()), decided.mealDate(),
                decided.week().toString(), price, discount, paid, operating, remainingToday, remainingThisWeek,
                ruleVersion, announcement, request.occurredAt(),
                SeniorIdentifier.secondCheckRequired(request.identification()));
    }

    private MealEntry record(Batch batch, Pending p, MealSet set, MealDecisions.Decided decided, MealAuthorisation answer,
                        MealEntry.OfflineOutcome outcome) {
        MealEntry entry = MealLedger.saleEntry(p.sale.sale(), p.senior, batch.canteen, batch.terminal, set,
                decided.mealDate(), decided.week());
        entry.setPriceFen = answer.price().fen();
        entry.subsidised = true;
        entry.discountFen = answer.discount().fen();
        entry.operatingSubsidyFen = answer.operatingSubsidy().fen();
        entry.paidFen = answer.amountToPay().fen();
        entry.ruleVersion = answer.ruleVersion();
        entry.offlineOutcome = outcome;
        entry.requestHash = p.hash;
        entry.response = write(answer);
        batch.entries.add(entry);
        return entry;
    }

    /** The batch's rejections in one JDBC batch: append-only, like the ledger. */
    private void writeRejections(List<Rejection> rejections) {
        if (rejections.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    insert into offline_rejection (sale_id, canteen_id, terminal_id, senior_id, occurred_at, meal_date,
                        set_price_fen, discount_fen, reason_code, request_hash, response)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))""")) {
                for (Rejection r : rejections) {
                    AuthoriseMeal request = r.pending().sale.sale();
                    st.setObject(1, request.saleId());
                    st.setLong(2, r.canteenId());
                    st.setLong(3, r.terminalId());
                    if (r.seniorId() == null) {
                        st.setNull(4, Types.BIGINT);
                    } else {
                        st.setLong(4, r.seniorId());
                    }
                    st.setTimestamp(5, Timestamp.from(request.occurredAt()));
                    st.setObject(6, ChinaCalendar.mealDate(request.occurredAt()));
                    st.setLong(7, request.expectedPriceFen());
                    st.setLong(8, r.discountFen());
                    st.setString(9, r.code());
                    st.setString(10, r.pending().hash);
                    st.setString(11, write(r.result()));
                    st.addBatch();
                }
                st.executeBatch();
            }
        });
    }

    /** What is on record for these sale ids: ledger entries and rejections, in two queries. */
    private Map<UUID, Stored> stored(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        UUID[] array = ids.toArray(UUID[]::new);
        return em.unwrap(Session.class).doReturningWork(c -> {
            Map<UUID, Stored> found = new HashMap<>();
            try (PreparedStatement st = c.prepareStatement("""
                    select entry_id, entry_type = 'SALE', request_hash, cast(response as text), false, offline_reason
                    from meal_entry where entry_id = any(?)
                    union all
                    select sale_id, false, request_hash, cast(response as text), true, null
                    from offline_rejection where sale_id = any(?)""")) {
                st.setArray(1, c.createArrayOf("uuid", array));
                st.setArray(2, c.createArrayOf("uuid", array));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        found.putIfAbsent(rs.getObject(1, UUID.class),
                                new Stored(rs.getBoolean(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                                        rs.getString(6)));
                    }
                }
            }
            return found;
        });
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
