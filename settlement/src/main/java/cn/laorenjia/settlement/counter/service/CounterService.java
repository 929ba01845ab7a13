package cn.laorenjia.settlement.counter.service;

import cn.laorenjia.contract.counter.MealPreview;
import cn.laorenjia.contract.meal.RefusalReason;
import cn.laorenjia.contract.counter.CounterTotals;
import cn.laorenjia.contract.counter.CounterMenu;
import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.subsidy.MealDecision;
import cn.laorenjia.core.subsidy.SetQualification;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.settlement.audit.AuditAction;
import cn.laorenjia.settlement.audit.AuditLog;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.ledger.service.Identification;
import cn.laorenjia.settlement.ledger.service.LedgerError;
import cn.laorenjia.contract.meal.MealAuthorisation;
import cn.laorenjia.settlement.ledger.service.MealDecisions;
import cn.laorenjia.settlement.ledger.service.MealLedger;
import cn.laorenjia.settlement.ledger.service.Refusals;
import cn.laorenjia.settlement.ledger.service.SeniorIdentifier;
import cn.laorenjia.settlement.register.entity.Canteen;
import cn.laorenjia.settlement.register.entity.MealSet;
import cn.laorenjia.settlement.register.entity.Senior;
import cn.laorenjia.settlement.register.entity.Terminal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import cn.laorenjia.settlement.availability.CounterPath;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only views for a counter terminal: its menu, a decision preview before the cashier confirms, and
 * today's totals. Nothing here writes but the audit of a look-up by ID number; the sale itself goes through
 * {@link MealLedger}.
 */
@ApplicationScoped
public class CounterService {

    private final EntityManager em;
    private final SeniorIdentifier seniors;
    private final MealDecisions decisions;
    private final PolicyCatalog policies;
    private final Clock clock;
    private final AuditLog audit;

    public CounterService(EntityManager em, SeniorIdentifier seniors, MealDecisions decisions, PolicyCatalog policies,
                          Clock clock, AuditLog audit) {
        this.em = em;
        this.seniors = seniors;
        this.decisions = decisions;
        this.policies = policies;
        this.clock = clock;
        this.audit = audit;
    }

    @Transactional
    @CounterPath
    public CounterMenu menu(MealLedger.Counter counter) {
        Terminal terminal = em.find(Terminal.class, counter.terminalId());
        Canteen canteen = canteenOf(counter);
        LocalDate today = ChinaCalendar.mealDate(clock.instant());
        Optional<PolicyVersion> version = policies.inForce(canteen.jurisdiction, today);
        // breakfast, lunch, dinner (the slot is stored as text, so sort here), the dearest first within a slot
        List<MealSet> sets = em.createQuery("from MealSet s where s.canteen = :canteen and s.active = true", MealSet.class)
                .setParameter("canteen", canteen).getResultList().stream()
                .sorted(Comparator.<MealSet, Integer>comparing(s -> s.slot.ordinal())
                        .thenComparing(s -> -s.priceFen).thenComparing(s -> s.code))
                .toList();
        List<CounterMenu.SetView> views = sets.stream().map(s -> {
            // the core's rule for the set, the one the decision applies too
            String whyNot = SetQualification.whyNot(version, canteen.standardSetPrice(), s.slot, s.price(), today)
                    .map(SetQualification.NotQualifying::messageZh).orElse(null);
            return new CounterMenu.SetView(s.code, s.name, s.slot.name(), s.slot.labelZh(), s.price(),
                    whyNot == null, whyNot);
        }).toList();
        return new CounterMenu(terminal.code, canteen.code, canteen.name, canteen.subdistrict,
                canteen.standardSetPrice(), today,
                version.map(PolicyVersion::id).orElse(null), version.map(PolicyVersion::titleZh).orElse(null),
                views);
    }

    /** Identifies the senior and decides the meal as the ledger would now, recording nothing. */
    @Transactional
    @CounterPath
    public MealPreview preview(MealLedger.Counter counter, Identification identification, String mealSetCode) {
        if (mealSetCode == null || mealSetCode.isBlank()) {
            throw new IllegalArgumentException("mealSetCode is required");
        }
        Canteen canteen = canteenOf(counter);
        MealSet set = decisions.mealSet(canteen, mealSetCode);
        Senior senior = identify(identification);
        Instant now = clock.instant();
        MealDecisions.Decided decided = decisions.decide(canteen, set, senior, now);
        MealDecision d = decided.decision();
        String refusalCode = null;
        String refusalMessage = null;
        List<RefusalReason> reasons = List.of();
        if (!d.subsidised()) {
            ApiException refusal = Refusals.of(d);
            refusalCode = refusal.code();
            refusalMessage = refusal.messageZh();
            reasons = RefusalReason.shownAtCounter(d.reasons());
        }
        return new MealPreview(MealDecisions.seniorView(senior, d), identifiedBy(identification),
                needsSecondCheck(identification), new MealAuthorisation.MealSetView(set.code, set.name, set.slot.name()),
                decided.mealDate(), decided.week().toString(), d.subsidised(), Money.ofFen(set.priceFen), d.discount(),
                d.amountToPay(), d.remainingToday(), d.remainingThisWeek(), d.policyVersionId(),
                d.announcementZh(), refusalCode, refusalMessage, reasons);
    }

    /**
     * Identifies the senior; a cashier's look-up by ID number is audited (terminal, masked ID number, the cashier's
     * reason), found or not: a look-up that finds nobody is recorded on its own, as the preview's transaction then
     * rolls back.
     */
    private Senior identify(Identification identification) {
        if (!(identification instanceof Identification.Manual manual)) {
            return seniors.identify(identification);
        }
        String masked = maskedIdNumber(manual.idNumber());
        Senior senior;
        try {
            senior = seniors.identify(identification);
        } catch (RuntimeException notFound) {
            audit.recordAlone(audit.currentActor(), AuditAction.COUNTER_MANUAL_LOOKUP, null,
                    Map.of("idNumber", masked, "found", false, "reason", String.valueOf(manual.reason())));
            throw notFound;
        }
        audit.record(AuditAction.COUNTER_MANUAL_LOOKUP, AuditLog.Subject.of("senior", senior.id),
                String.valueOf(manual.reason()), Map.of("idNumber", masked, "found", true));
        return senior;
    }

    /** The ID number as the audit keeps it: masked, or only its length when it is not a valid one. */
    private static String maskedIdNumber(String text) {
        try {
            return IdNumber.parse(text.strip().toUpperCase(java.util.Locale.ROOT)).masked();
        } catch (RuntimeException invalid) {
            return "(invalid, " + text.length() + " characters)";
        }
    }

    /** Today's ledger figures (Asia/Shanghai) for this terminal and its canteen. */
    @Transactional
    @CounterPath
    public CounterTotals totals(MealLedger.Counter counter) {
        Terminal terminal = em.find(Terminal.class, counter.terminalId());
        Canteen canteen = canteenOf(counter);
        LocalDate today = ChinaCalendar.mealDate(clock.instant());
        return new CounterTotals(today, terminal.code, canteen.code,
                figures(canteen.id, today, terminal.id), figures(canteen.id, today, null));
    }

    private CounterTotals.Figures figures(long canteenId, LocalDate day, Long terminalId) {
        var query = em.createNativeQuery("""
                select count(*) filter (where entry_type = 'SALE'),
                       count(*) filter (where entry_type = 'VOID'),
                       count(*) filter (where entry_type = 'SALE' and subsidised)
                         - count(*) filter (where entry_type = 'VOID' and subsidised),
                       coalesce(sum(case when entry_type = 'SALE' then set_price_fen else -set_price_fen end), 0),
                       coalesce(sum(discount_fen), 0),
                       coalesce(sum(paid_fen), 0),
                       coalesce(sum(operating_subsidy_fen), 0)
                from meal_entry
                where canteen_id = ?1 and meal_date = ?2 and (?3 = 0 or terminal_id = ?3)""")
                .setParameter(1, canteenId).setParameter(2, day).setParameter(3, terminalId == null ? 0L : terminalId);
        Object[] r = (Object[]) query.getSingleResult();
        long sales = ((Number) r[0]).longValue();
        long voids = ((Number) r[1]).longValue();
        long salesFen = ((Number) r[3]).longValue();
        long discountFen = ((Number) r[4]).longValue();
        long paidFen = ((Number) r[5]).longValue();
        return new CounterTotals.Figures(sales, voids, sales - voids, ((Number) r[2]).longValue(), Money.ofFen(salesFen),
                Money.ofFen(discountFen), Money.ofFen(paidFen), Money.ofFen(((Number) r[6]).longValue()));
    }

    private Canteen canteenOf(MealLedger.Counter counter) {
        Canteen canteen = em.find(Canteen.class, counter.canteenId());
        if (canteen == null || !canteen.active) {
            throw LedgerError.TERMINAL_NOT_OF_THIS_CANTEEN.exception();
        }
        return canteen;
    }

    private static String identifiedBy(Identification identification) {
        if (identification instanceof Identification.Manual) {
            return "MANUAL";
        }
        return identification instanceof Identification.ByCard ? "CARD" : "QR";
    }

    /** A lookup by ID number, and any printed code (the ledger's own rule), leave the cashier to check who it is. */
    private static boolean needsSecondCheck(Identification identification) {
        return identification instanceof Identification.Manual || SeniorIdentifier.secondCheckRequired(identification);
    }
}
