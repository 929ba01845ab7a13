package cn.laorenjia.terminal.sale;

import cn.laorenjia.contract.counter.CounterMenu;
import cn.laorenjia.contract.counter.CounterTotals;
import cn.laorenjia.contract.counter.MealPreview;
import cn.laorenjia.contract.counter.PreviewRequest;
import cn.laorenjia.contract.error.ApiError;
import cn.laorenjia.contract.meal.AuthoriseMealRequest;
import cn.laorenjia.contract.meal.IdentificationRequest;
import cn.laorenjia.contract.meal.MealAuthorisation;
import cn.laorenjia.contract.meal.MealVoid;
import cn.laorenjia.contract.meal.VoidMealRequest;
import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.meal.MealSlot;
import cn.laorenjia.terminal.cashier.CashierSession;
import cn.laorenjia.terminal.cashier.CashierSignInRequired;
import cn.laorenjia.terminal.display.SeniorDisplay;
import cn.laorenjia.terminal.display.VoicePrompts;
import cn.laorenjia.terminal.identify.IdentificationFailed;
import cn.laorenjia.terminal.identify.SeniorPresented;
import cn.laorenjia.terminal.receipt.ReceiptStore;
import cn.laorenjia.terminal.settlement.SettlementClient;
import cn.laorenjia.terminal.settlement.SettlementException;
import cn.laorenjia.terminal.journal.SaleJournal;
import cn.laorenjia.terminal.offline.OfflineCopy;
import cn.laorenjia.terminal.offline.OfflineCounter;
import cn.laorenjia.terminal.observe.CounterMetrics;
import cn.laorenjia.terminal.voiding.VoidReason;
import cn.laorenjia.terminal.voiding.VoidRefused;
import cn.laorenjia.terminal.voiding.VoidableSale;
import cn.laorenjia.contract.till.ShiftOpening;
import cn.laorenjia.contract.till.TillSale;
import cn.laorenjia.contract.till.TillVoid;
import cn.laorenjia.core.till.Payment;
import cn.laorenjia.core.till.TillRefusal;
import cn.laorenjia.terminal.till.TenderChoice;
import cn.laorenjia.terminal.till.TillJournal;
import cn.laorenjia.terminal.till.TillProblem;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One counter's sale, step by step: the set chosen, the senior identified (by card or code events, or a
 * manual lookup), the decision previewed by the settlement service, confirmed (POST /api/meals) or refused,
 * and a sale of the day voided (named by its id, with a reason). The sale id is generated before the first attempt and kept until the service has
 * answered, so a retry after a lost answer can never record a meal twice.
 *
 * <p>Steps run one at a time (a counter serves one senior at a time); readers get the latest snapshot without
 * waiting, and every change is pushed to the pages.
 */
@ApplicationScoped
public class SaleFlow {

    private static final Logger LOG = Logger.getLogger(SaleFlow.class);

    private final SettlementClient settlement;
    private final ReceiptStore receipts;
    private final OfflineCounter offline;
    private final Clock clock;
    private final CashierSession cashiers;
    private final BroadcastProcessor<CounterState> updates = BroadcastProcessor.create();
    /** When each meal is served (checked at start); a counter a test builds itself keeps the defaults. */
    @Inject
    MealWindows mealWindows = MealWindows.defaults();
    private final ReentrantLock steps = new ReentrantLock();
    /**
     * Card and code events arrive on the reader's thread; the preview call must not hold that thread. A plain
     * single-thread executor, not a scheduled job: presentations are events to handle one at a time in arrival
     * order, nothing periodic.
     */
    private final ExecutorService presentations = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "counter-identification");
        t.setDaemon(true);
        return t;
    });

    private volatile CounterState current;

    // guarded by steps
    private long seq;
    private CounterMenu menu;
    private String selectedSet;
    /**
     * Whether the cashier chose {@link #selectedSet} for the customer in front (before or after the tap); otherwise it
     * is the default of the meal being served, and every new customer gets that default again.
     */
    private boolean setPicked;
    private String presented;
    private IdentificationRequest identification;
    private MealPreview preview;
    private MealAuthorisation lastSale;
    /** Whether {@link #lastSale} was decided offline here (then it may still wait in the journal). */
    private boolean lastSaleOffline;
    private MealVoid lastVoid;
    /** The sale the public display shows as just paid, and that display: a void is shown there only while it is. */
    private UUID displayedSale;
    private CounterState.Display displayedSaleDisplay;
    private String message;
    private CounterState.Problem error;
    private Pending<AuthoriseMealRequest> pendingSale;
    private Pending<VoidMealRequest> pendingVoid;
    private CounterState.Display display = SeniorDisplay.welcome();
    private CounterMetrics metrics;
    /**
     * Composes what the senior display shows and says. Injected by an initializer, not the constructor: a flow built
     * by hand (tests) speaks the jar's voice prompts, the application the canteen's.
     */
    private SeniorDisplay seniorDisplay = new SeniorDisplay(VoicePrompts.defaults());
    /** The offline decision behind {@link #preview}, when it was decided from the cached copy. */
    private OfflineCopy.Decision offlineDecision;

    /** A request sent (or about to be) whose answer has not arrived: resent as is. */
    private record Pending<T>(UUID id, T body, Object about) {
    }

    public SaleFlow(SettlementClient settlement, ReceiptStore receipts, OfflineCounter offline, Clock clock,
                    CashierSession cashiers) {
        this.cashiers = cashiers;
        this.settlement = settlement;
        this.receipts = receipts;
        this.offline = offline;
        this.clock = clock;
        this.current = snapshot();
        offline.onChange(() -> step(() -> { }));
        // a cashier signed in or out: the pages learn it from the state; signing out puts a half-served senior away
        cashiers.onChange(cashier -> {
            if (cashier.isEmpty()) {
                clear();
            } else {
                step(() -> { });
            }
        });
    }

    @Inject
    void useSeniorDisplay(SeniorDisplay seniorDisplay) {
        this.seniorDisplay = seniorDisplay;
    }

    /** Set by the application; a flow the tests build themselves counts nothing. */
    @Inject
    void useMetrics(CounterMetrics metrics) {
        this.metrics = metrics;
    }

    private void counted(String outcome, String code) {
        if (metrics != null) {
            metrics.sale(outcome, code);
        }
    }

    @PreDestroy
    void stop() {
        presentations.shutdownNow();
    }

    public CounterState state() {
        return current;
    }

    /**
     * The current state, then every change. A page that reads slowly (or stalls) gets the latest state when it reads
     * again, the states in between dropped: each state is whole, and without the buffer a subscriber without demand
     * failed the stream (BackPressureFailure) and the page lost its updates. Merged, not concatenated: a concatenation
     * subscribes to the changes only when the reader asks again, and would miss those made meanwhile (the page ignores
     * a state older than the one it shows, by its seq).
     */
    public Multi<CounterState> changes() {
        return Multi.createBy().merging().streams(Multi.createFrom().item(this::state), updates)
                .onOverflow().dropPreviousItems();
    }

    void onPresented(@Observes SeniorPresented event) {
        presentations.execute(() -> present(event));
    }

    void onPresentedAsync(@ObservesAsync SeniorPresented event) {
        present(event);
    }

    void onFailed(@Observes IdentificationFailed failure) {
        presentations.execute(() -> showFailure(failure));
    }

    void onFailedAsync(@ObservesAsync IdentificationFailed failure) {
        showFailure(failure);
    }

    private void showFailure(IdentificationFailed failure) {
        step(() -> {
            error = new CounterState.Problem(failure.code(), failure.messageZh());
            message = null;
            display = seniorDisplay.problem();
        });
    }

    /** What the meal API expects for each kind of credential. */
    static IdentificationRequest identificationOf(SeniorPresented event) {
        return switch (event.kind()) {
            case CARD_UID -> IdentificationRequest.card("UID", event.value());
            case SOCIAL_SECURITY_CARD -> IdentificationRequest.card("SOCIAL_SECURITY", event.value());
            // a printed code is honoured only as its signed text, verified centrally like a phone code (and journalled
            // so for the offline sync); the scanner refuses an unsigned one, the central would too
            case PRINTED_QR -> IdentificationRequest.qr(event.value());
            case PHONE_QR -> IdentificationRequest.qr(event.value());
        };
    }

    public CounterState present(SeniorPresented event) {
        return identify(event.kind().name(), identificationOf(event));
    }

    public CounterState lookUp(String idNumber, String reason) {
        cashiers.requireSignedIn(); // a look-up by ID number reads personal data: only for a signed-in cashier
        return identify("MANUAL",
                IdentificationRequest.manual(idNumber == null ? "" : idNumber.trim().toUpperCase(), reason));
    }

    private CounterState identify(String kind, IdentificationRequest who) {
        return step(() -> {
            if (cashiers.current().isEmpty()) {
                error = new CounterState.Problem(CashierSignInRequired.CODE, CashierSignInRequired.MESSAGE_ZH);
                display = seniorDisplay.cashierSigningIn();
                return;
            }
            cashiers.touch();
            presented = kind;
            identification = who;
            pendingSale = null;
            offlineDecision = null;
            message = null;
            previewNow();
        });
    }

    public CounterState refreshMenu() {
        return step(() -> {
            menu = null;
            error = null;
            ensureMenu();
            if (identification != null) {
                previewNow();
            }
        });
    }

    public CounterState select(String mealSetCode) {
        return step(() -> {
            ensureMenu();
            if (menu != null && menu.set(mealSetCode) == null) {
                error = new CounterState.Problem("UNKNOWN_MEAL_SET", "菜单中没有该套餐，请重新选择");
                return;
            }
            selectedSet = mealSetCode;
            setPicked = true; // for this customer only: the next one gets the meal's default again
            error = null;
            if (identification != null) {
                pendingSale = null;
                previewNow();
            }
        });
    }

    /** A sale step's new state, and the till sale it made (null when none was made). */
    public record Sold(CounterState state, TillSale sale) {
    }

    /** Records the previewed meal paid in exact cash (the API before tenders). */
    public CounterState confirm(boolean identityChecked) {
        return sell(identityChecked, TenderChoice.EXACT_CASH, false).state();
    }

    /**
     * Sells the previewed meal with its tender: subsidised (the ledger call as before, then the till sale with the same
     * sale id) or, for a senior refused the subsidy, at full price; with nobody identified and {@code walkIn}, the
     * selected set at full price to a walk-in customer. Every sale is journalled in the till (the open shift's). A
     * printed code or a manual lookup only names the senior, so for a subsidy the cashier must have checked who is at
     * the counter ({@code identityChecked}).
     */
    public Sold sell(boolean identityChecked, TenderChoice tender, boolean walkIn) {
        return sell(identityChecked, tender, walkIn, null);
    }

    /**
     * As {@link #sell(boolean, TenderChoice, boolean)}, refused (DUE_CHANGED, nothing recorded) unless the amount due
     * now is {@code expectedDue}, the amount the cashier's tender step showed (null: not checked): the set or the
     * customer may have changed under the dialog.
     */
    public Sold sell(boolean identityChecked, TenderChoice tender, boolean walkIn, Money expectedDue) {
        String cashier = cashiers.requireSignedIn();
        TillSale[] made = new TillSale[1];
        CounterState after = step(() -> {
            try {
                if (expectedDue != null && !expectedDue.equals(dueNow(walkIn))) {
                    throw new TillProblem(TillProblem.Code.DUE_CHANGED);
                }
                made[0] = sellStep(identityChecked, tender, walkIn, cashier);
            } catch (TillRefusal r) {
                error = new CounterState.Problem(r.code().name(), r.messageZh());
                message = null;
            } catch (TillProblem p) {
                error = new CounterState.Problem(p.code().name(), p.messageZh());
                message = null;
            }
        });
        return new Sold(after, made[0]);
    }

    /** What the customer pays now: the previewed amount, or a walk-in's set at full price; null when nothing to sell. */
    private Money dueNow(boolean walkIn) {
        if (preview != null) {
            return preview.subsidised() ? preview.amountToPay() : preview.price();
        }
        CounterMenu.SetView set = !walkIn || identification != null || menu == null || selectedSet == null ? null
                : menu.set(selectedSet);
        return set == null ? null : set.price();
    }

    private TillSale sellStep(boolean identityChecked, TenderChoice tender, boolean walkIn, String cashier) {
        ShiftOpening shift = offline.till().currentShift()
                .orElseThrow(() -> new TillProblem(TillProblem.Code.SHIFT_NOT_OPEN));
        if (preview == null) {
            if (walkIn && identification == null) {
                return sellWalkIn(shift, tender, cashier);
            }
            error = new CounterState.Problem("NOTHING_TO_CONFIRM", "请先让老人刷卡或扫码，或按 F2 手工查询");
            return null;
        }
        // the tender is checked against what is due now, before anything is recorded
        tender.paymentOf(preview.subsidised() ? preview.amountToPay() : preview.price());
        if (!preview.subsidised()) {
            return sellAtFullPrice(shift, tender, cashier);
        }
        TillSale[] made = new TillSale[1];
        sellSubsidised(identityChecked, cashier, shift, tender, made);
        return made[0];
    }

    private void sellSubsidised(boolean identityChecked, String cashier, ShiftOpening shift, TenderChoice tender,
                                TillSale[] made) {
        IdentificationRequest who = identification;
        String seniorName = preview.senior() == null ? null : preview.senior().nameMasked();
        {
            if (preview.needsSecondCheck() && !identityChecked) {
                error = new CounterState.Problem("IDENTITY_NOT_CHECKED",
                        "该方式只能说明是谁，不能证明是本人：请核对老人本人或身份证后，勾选“已核对本人”（F6）再确认");
                return;
            }
            String mealSetCode = preview.mealSet().code();
            Money price = preview.price();
            if (offlineDecision != null) {
                made[0] = sellOffline(offlineDecision, newSale(UUID.randomUUID(), mealSetCode, price, cashier), false,
                        shift, tender, who);
                return;
            }
            // a sale whose answer was lost is resent as it was, with the cashier who made it
            Object about = Objects.hash(identification, mealSetCode, price);
            if (pendingSale == null || !pendingSale.about().equals(about)) {
                UUID saleId = UUID.randomUUID();
                pendingSale = new Pending<>(saleId, newSale(saleId, mealSetCode, price, cashier), about);
            }
            // on disk before it is sent: whatever happens next, the sale is either answered or synced later
            offline.journal().sale(pendingSale.id(), SaleJournal.Mode.ONLINE, true, pendingSale.body());
            try {
                MealAuthorisation answer = settlement.authorise(pendingSale.body());
                offline.reachable();
                offline.journal().done(List.of(new SaleJournal.Done(pendingSale.id(), answer.status(), answer)));
                offline.copy().counted(offline.copy().seniorOf(identification), answer.mealDate());
                pendingSale = null;
                made[0] = journalTill(shift, answer.saleId(), cashier, answer.mealSet().code(), answer.price(),
                        answer.discount(), true, false, tender, who, seniorName, answer.mealSet().name());
                showSold(answer, false);
                message = paidNote(made[0]) + message;
                counted("subsidised", null);
            } catch (SettlementException e) {
                if (!e.outcomeUnknown()) {
                    offline.reachable();
                    // refused: nothing was recorded, a new attempt is a new sale
                    offline.journal().done(List.of(new SaleJournal.Done(pendingSale.id(), "REFUSED_LIVE",
                            ApiError.of(e.code(), Objects.toString(e.messageZh(), "")))));
                    pendingSale = null;
                    counted("refused", e.code());
                    fail(e, null);
                    if ("PRICE_CHANGED".equals(e.code())) {
                        menu = null;
                        ensureMenu();
                    }
                    return;
                }
                offline.unreachable();
                Pending<AuthoriseMealRequest> lost = pendingSale;
                OfflineCopy.Decision decision;
                try {
                    decision = offline.copy().decide(identification, selectedSet, clock.instant());
                } catch (OfflineCopy.NotIdentified noCopy) {
                    // no copy to decide from: the cashier retries the same sale id (it stays journalled)
                    fail(e, "网络异常，交易结果未知：请按 Enter 重试（同一交易号，不会重复扣次数）");
                    return;
                }
                pendingSale = null;
                made[0] = sellOffline(decision, lost.body(), true, shift, tender, who);
            }
        }
    }

    /** A senior refused the subsidy: the meal is sold at full price and recorded in the till only (no ledger). */
    private TillSale sellAtFullPrice(ShiftOpening shift, TenderChoice tender, String cashier) {
        String name = preview.senior() == null ? "" : preview.senior().nameMasked();
        TillSale sale = journalTill(shift, UUID.randomUUID(), cashier, preview.mealSet().code(), preview.price(),
                Money.ZERO, false, offlineDecision != null, tender, identification, name, preview.mealSet().name());
        counted("full_price", preview.refusalCode());
        paidAtFullPrice(sale, name);
        return sale;
    }

    /** A customer nobody identified buys the selected set at full price. */
    private TillSale sellWalkIn(ShiftOpening shift, TenderChoice tender, String cashier) {
        ensureMenu();
        CounterMenu.SetView set = menu == null || selectedSet == null ? null : menu.set(selectedSet);
        if (set == null) {
            throw new TillProblem(TillProblem.Code.NOTHING_TO_SELL);
        }
        tender.paymentOf(set.price());
        TillSale sale = journalTill(shift, UUID.randomUUID(), cashier, set.code(), set.price(), Money.ZERO, false,
                false, tender, null, null, set.name());
        counted("walk_in", null);
        paidAtFullPrice(sale, "");
        return sale;
    }

    private void paidAtFullPrice(TillSale sale, String name) {
        error = null;
        message = "已按原价收款 " + sale.amountDue().toYuanString() + " 元。" + paidNote(sale) + "按 Esc 接待下一位";
        display = seniorDisplay.paidAtFullPrice(name, sale.amountDue());
        displayedSale = sale.saleId();
        displayedSaleDisplay = display;
        newCustomer();
        identification = null;
        preview = null;
        presented = null;
        offlineDecision = null;
        pendingSale = null;
    }

    /**
     * Journals a till sale in the open shift. The tender was checked against the previewed amount; should the amount
     * due have changed since (an answer lost, then decided offline), the customer pays what is due now, exactly.
     */
    private TillSale journalTill(ShiftOpening shift, UUID saleId, String cashier, String mealSetCode, Money price,
                                 Money discount, boolean subsidised, boolean decidedOffline, TenderChoice tender,
                                 IdentificationRequest who, String nameMasked, String setName) {
        Money due = price.minus(discount);
        Payment payment;
        try {
            payment = tender.paymentOf(due);
        } catch (TillRefusal changed) {
            payment = Payment.of(tender.tender(), due, null);
        }
        TillSale sale = new TillSale(saleId, shift.shiftId(), OffsetDateTime.ofInstant(clock.instant(), ChinaCalendar.ZONE),
                cashier, mealSetCode, price, discount, due, payment.tender(), payment.tendered(), payment.change(),
                subsidised, decidedOffline, who == null ? null : who.method(), who);
        offline.till().sale(sale, new TillJournal.SaleNote(nameMasked, setName));
        return sale;
    }

    /** "微信收款。" or "现金收 50.00 元，找零 35.00 元。" */
    private static String paidNote(TillSale sale) {
        if (sale == null) {
            return "";
        }
        if (sale.change().isZero()) {
            return sale.tender().zh() + "收款。";
        }
        return sale.tender().zh() + "收 " + sale.tendered().toYuanString() + " 元，找零 " + sale.change().toYuanString()
                + " 元。";
    }

    /** A sale of the previewed set to the identified senior, made now at this counter by this cashier. */
    private AuthoriseMealRequest newSale(UUID saleId, String mealSetCode, Money price, String cashier) {
        return new AuthoriseMealRequest(saleId, OffsetDateTime.ofInstant(clock.instant(), ChinaCalendar.ZONE),
                identification, mealSetCode, price, cashier);
    }

    /**
     * A sale decided from the cached copy: journalled (forced to disk) before its receipt, queued for the central.
     * A live attempt whose answer was lost keeps its sale id, so if it did land the sync gets its first answer.
     */
    private TillSale sellOffline(OfflineCopy.Decision decision, AuthoriseMealRequest sale, boolean wasLive,
                                 ShiftOpening shift, TenderChoice tender, IdentificationRequest who) {
        UUID saleId = sale.saleId();
        MealPreview p = decision.preview();
        if (decision.granted()) {
            offline.copy().counted(decision.seniorId(), p.mealDate());
        }
        // the counter's own answer, in the shape of the central's: the receipt and the page read it alike
        MealAuthorisation answer = new MealAuthorisation(saleId,
                decision.granted() ? "OFFLINE_PENDING" : "OFFLINE_FULL_PRICE", p.senior(),
                menu == null ? "" : menu.canteenCode(), settlement.terminalCode().orElse(""), p.mealSet(),
                p.mealDate(), p.week(), p.price(), p.discount(), p.amountToPay(), Money.ZERO, p.remainingToday(),
                p.remainingThisWeek(), p.ruleVersion(), decision.granted() ? p.announcementZh() : "按原价收费",
                sale.occurredAt().toInstant(), p.needsSecondCheck());
        // journalled with the answer shown, so the list of sales to void names the senior after a restart too
        if (wasLive) {
            offline.journal().wentOffline(saleId, decision.granted(), answer);
        } else {
            offline.journal().sale(saleId, SaleJournal.Mode.OFFLINE, decision.granted(), sale, answer);
        }
        String name = p.senior() == null ? null : p.senior().nameMasked();
        // the till records what was charged: the subsidised amount, or the full price when the copy refused it
        TillSale till = journalTill(shift, saleId, sale.cashier(), p.mealSet().code(), p.price(),
                decision.granted() ? p.discount() : Money.ZERO, decision.granted(), true, tender, who, name,
                p.mealSet().name());
        counted(decision.granted() ? "offline_granted" : "offline_full_price",
                decision.granted() ? null : p.refusalCode());
        if (decision.granted()) {
            showSold(answer, true);
            message = paidNote(till) + "离线收款：应收 " + answer.amountToPayYuan() + " 元（减免 " + answer.discountYuan()
                    + " 元），已保存在本机，联网后自动上传。按 Esc 接待下一位";
        } else {
            lastSale = answer;
            lastSaleOffline = true;
            lastVoid = null;
            receipts.keep(answer, menu);
            error = new CounterState.Problem(Objects.requireNonNullElse(p.refusalCode(), "OFFLINE_NOT_GRANTED"),
                    "网络中断，离线判断不能补贴：" + p.refusalMessage() + "。请按原价 "
                            + answer.priceYuan() + " 元收款");
            message = null;
            display = seniorDisplay.fullPrice(answer);
            identification = null;
            preview = null;
            presented = null;
            offlineDecision = null;
            newCustomer();
        }
        return till;
    }

    private void showSold(MealAuthorisation answer, boolean decidedOffline) {
        newCustomer();
        lastSale = answer;
        lastSaleOffline = decidedOffline;
        lastVoid = null;
        receipts.keep(answer, menu);
        message = "已确认：应收 " + answer.amountToPayYuan() + " 元（减免 "
                + answer.discountYuan() + " 元）。按 Esc 接待下一位";
        error = null;
        display = seniorDisplay.paid(answer);
        displayedSale = answer.saleId();
        displayedSaleDisplay = display;
        identification = null;
        preview = null;
        presented = null;
        offlineDecision = null;
    }

    /**
     * This counter's sales to void from, newest first, read from its journal (so the list survives a restart), voided
     * ones marked. Today's sales; the one place to narrow to the open shift's sales.
     */
    public List<VoidableSale> voidableSales() {
        cashiers.requireSignedIn(); // the list names seniors (masked): only for a signed-in cashier
        return salesToVoidFrom();
    }

    /** The open shift's sales, newest first (a void refunds from the shift's drawer); none without an open shift. */
    private List<VoidableSale> salesToVoidFrom() {
        TillJournal till = offline.till();
        return till.currentShift().map(shift -> till.sales(shift.shiftId()).stream().map(s -> {
            String number = till.sale(s.saleId()).map(TillSale::cashier).orElse(null);
            return VoidableSale.ofTill(s, number, number == null ? null : cashiers.nameOf(number).orElse(null),
                    s.subsidised() ? offline.journal().journalled(s.saleId()).orElse(null) : null);
        }).toList()).orElse(List.of());
    }

    /**
     * Voids the sale named (one of {@link #voidableSales}) for the reason given, signed by the cashier; the same day
     * only (the central checks). The page asks the cashier to confirm the sale and its senior first. A void whose
     * answer was lost is resent as it was (same void id and reason), so it can never be recorded twice.
     */
    public CounterState voidSale(String saleIdText, String reasonText) {
        String cashier = cashiers.requireSignedIn();
        return step(() -> {
            UUID saleId;
            VoidableSale sale;
            VoidReason reason;
            try {
                saleId = VoidableSale.saleIdOf(saleIdText);
                sale = salesToVoidFrom().stream().filter(s -> s.saleId().equals(saleId)).findFirst()
                        .orElseThrow(() -> new VoidRefused(VoidRefused.NOTHING_TO_VOID,
                                "本班次没有这笔交易，请在列表中重新选择"));
                sale.requireVoidable();
                reason = new VoidReason(reasonText);
            } catch (VoidRefused refused) {
                error = new CounterState.Problem(refused.code(), refused.messageZh());
                message = null;
                return;
            }
            cashiers.touch();
            TillSale paid = offline.till().sale(saleId).orElse(null);
            if (paid != null && !paid.subsidised()) {
                voidAtTheTill(paid, sale, reason, cashier);
                return;
            }
            if (pendingVoid == null || !pendingVoid.about().equals(saleId)) {
                UUID voidId = UUID.randomUUID();
                pendingVoid = new Pending<>(voidId, new VoidMealRequest(voidId,
                        OffsetDateTime.ofInstant(clock.instant(), ChinaCalendar.ZONE), reason.text(), cashier), saleId);
            }
            try {
                VoidMealRequest sent = pendingVoid.body();
                MealVoid answer = settlement.voidSale(saleId, sent);
                pendingVoid = null;
                offline.journal().voided(saleId, new SaleJournal.Voided(answer.voidId(), sent.reason(), sent.cashier(),
                        answer.refund(), sent.occurredAt().toInstant()));
                if (paid != null) {
                    // the till's record of the refund (its drawer, its tender), under the ledger void's id
                    offline.till().voided(new TillVoid(answer.voidId(), saleId, paid.shiftId(), sent.occurredAt(),
                            cashier, sent.reason(), paid.amountDue(), paid.tender()));
                }
                if (lastSale != null && lastSale.saleId().equals(saleId)) {
                    lastVoid = answer;
                }
                receipts.markVoided(saleId);
                error = null;
                message = "已撤销 " + sale.describedZh() + "：请退还 " + answer.refundYuan() + " 元";
                // the public display shows a void only to the senior concerned: while it still shows that very sale
                // as just paid; otherwise it stays as it is (the next senior's preview, or the welcome)
                if (showsSale(saleId)) {
                    display = seniorDisplay.voided(answer);
                }
            } catch (SettlementException e) {
                if (!e.outcomeUnknown()) {
                    pendingVoid = null;
                }
                fail(e, e.outcomeUnknown() ? "网络异常，撤销结果未知：请再次确认撤销（同一撤销号，不会重复撤销）" : null);
            }
        });
    }

    /** Whether the public display shows {@code saleId} as just paid (no one new presented since). */
    /** A full-price sale (no ledger entry) is voided at the till alone: refunded in full by the tender it was paid with. */
    private void voidAtTheTill(TillSale paid, VoidableSale sale, VoidReason reason, String cashier) {
        offline.till().voided(new TillVoid(UUID.randomUUID(), paid.saleId(), paid.shiftId(),
                OffsetDateTime.ofInstant(clock.instant(), ChinaCalendar.ZONE), cashier, reason.text(), paid.amountDue(),
                paid.tender()));
        error = null;
        message = "已撤销 " + sale.describedZh() + "：请以" + paid.tender().zh() + "退还 " + paid.amountDue().toYuanString()
                + " 元";
        if (showsSale(paid.saleId())) {
            display = seniorDisplay.refunded(paid.amountDue());
        }
    }

    private boolean showsSale(UUID saleId) {
        return saleId.equals(displayedSale) && display == displayedSaleDisplay;
    }

    /** Ready for the next senior. The last sale stays voidable. */
    public CounterState clear() {
        return step(() -> {
            presented = null;
            identification = null;
            preview = null;
            offlineDecision = null;
            pendingSale = null;
            error = null;
            message = null;
            display = SeniorDisplay.welcome();
            newCustomer();
        });
    }

    /** The next customer is offered the default set of the meal being served; a set picked for the last one is gone. */
    private void newCustomer() {
        setPicked = false;
        selectedSet = menu == null ? null : defaultSet(menu, mealWindows.mealAt(clock));
    }

    /**
     * Called every little while: when a meal window begins and nobody is being served (nor was a set picked for the
     * customer coming), the screen offers the new meal's default set. Nothing is pushed when nothing changed.
     */
    void mealWindowCheck() {
        boolean follow;
        steps.lock();
        try {
            follow = menu != null && !setPicked && identification == null
                    && !Objects.equals(selectedSet, defaultSet(menu, mealWindows.mealAt(clock)));
        } finally {
            steps.unlock();
        }
        if (follow) {
            step(() -> {
                if (menu != null && !setPicked && identification == null) {
                    selectedSet = defaultSet(menu, mealWindows.mealAt(clock));
                }
            });
        }
    }

    /** Today's totals from the central's ledger, with this counter's sales per cashier from its journal. */
    public XReport totals() {
        CounterTotals t = null;
        if (offline.tryCentral()) {
            try {
                t = settlement.totals();
                offline.reachable();
            } catch (SettlementException e) {
                if (!SettlementException.UNREACHABLE.equals(e.code())) {
                    throw e;
                }
                offline.unreachable();
            }
        }
        if (t == null) {
            // the central cannot be reached: this counter's own figures (the till's shift, the journal per cashier)
            CounterMenu known = current.menu();
            t = new CounterTotals(ChinaCalendar.mealDate(clock.instant()), settlement.terminalCode().orElse(null),
                    known == null ? null : known.canteenCode(), null, null);
        }
        LocalDate day = t.date();
        List<XReport.CashierLine> byCashier = offline.journal().salesByCashierOn(day).stream()
                .map(c -> new XReport.CashierLine(c.cashier(), c.cashier() == null ? null : cashiers.nameOf(c.cashier()).orElse(null),
                        c.sales(), c.waiting()))
                .toList();
        return new XReport(t.date(), t.terminalCode(), t.canteenCode(), t.terminal(), t.canteen(), byCashier);
    }

    private void previewNow() {
        ensureMenu();
        if (selectedSet == null) {
            preview = null;
            if (error == null) {
                error = new CounterState.Problem("NO_MEAL_SET", "请先选择套餐（按数字键 1–9）");
            }
            return;
        }
        offlineDecision = null;
        if (offline.tryCentral()) {
            try {
                preview = settlement.preview(new PreviewRequest(identification, selectedSet));
                offline.reachable();
                error = null;
                showPreview();
                return;
            } catch (SettlementException e) {
                if (!SettlementException.UNREACHABLE.equals(e.code())) {
                    offline.reachable();
                    preview = null;
                    fail(e, null);
                    display = seniorDisplay.lookingUp();
                    return;
                }
                offline.unreachable();
            }
        }
        try {
            offlineDecision = offline.copy().decide(identification, selectedSet, clock.instant());
            preview = offlineDecision.preview();
            error = null;
            showPreview();
        } catch (OfflineCopy.NotIdentified e) {
            preview = null;
            error = new CounterState.Problem(e.code(), e.messageZh());
            message = null;
            display = seniorDisplay.lookingUp();
        }
    }

    private void showPreview() {
        display = seniorDisplay.preview(preview);
    }

    private void ensureMenu() {
        if (menu != null) {
            return;
        }
        try {
            menu = offline.tryCentral() ? settlement.menu() : null;
            if (menu != null) {
                offline.reachable();
            }
        } catch (SettlementException e) {
            if (!SettlementException.UNREACHABLE.equals(e.code())) {
                fail(e, null);
                return;
            }
            offline.unreachable();
        }
        if (menu == null) {
            menu = offline.copy().menu(); // the cached menu: the counter keeps selling through an outage
            if (menu == null) {
                fail(SettlementException.unreachable(null), null);
                return;
            }
        }
        // the default follows the clock until the cashier picks a set for the customer (a picked set gone from the
        // menu falls back to the default)
        if (!setPicked || selectedSet == null || menu.set(selectedSet) == null) {
            setPicked = false;
            selectedSet = defaultSet(menu, mealWindows.mealAt(clock));
        }
    }

    /**
     * The set a new customer is offered for {@code meal}: its standard set, i.e. the cheapest set that qualifies for
     * the subsidy (a dearer one only when the cashier picks it; the first in the menu's order on a tie). Without a
     * qualifying set of that meal, the cheapest qualifying set of any meal; without any, the first set.
     */
    static String defaultSet(CounterMenu menu, MealSlot meal) {
        CounterMenu.SetView ofMeal = null;
        CounterMenu.SetView anyMeal = null;
        String first = null;
        for (CounterMenu.SetView set : Objects.requireNonNullElse(menu.sets(), List.<CounterMenu.SetView>of())) {
            first = first == null ? set.code() : first;
            if (!set.qualifies()) {
                continue;
            }
            if (meal.name().equals(set.slot()) && (ofMeal == null || set.price().isLessThan(ofMeal.price()))) {
                ofMeal = set;
            }
            if (anyMeal == null || set.price().isLessThan(anyMeal.price())) {
                anyMeal = set;
            }
        }
        return ofMeal != null ? ofMeal.code() : anyMeal != null ? anyMeal.code() : first;
    }

    private void fail(SettlementException e, String instead) {
        error = new CounterState.Problem(e.code(), instead != null ? instead : e.messageZh());
        message = null;
    }

    private CounterState step(Runnable change) {
        steps.lock();
        try {
            change.run();
        } catch (RuntimeException e) {
            LOG.error("counter step failed", e);
            error = new CounterState.Problem("TERMINAL_ERROR", "终端出现意外错误，请按 Esc 后重试；如反复出现请联系管理员");
        } finally {
            seq++;
            current = snapshot();
            steps.unlock();
        }
        updates.onNext(current);
        return current;
    }

    private CounterState snapshot() {
        return new CounterState(seq, settlement.terminalCode().orElse(null), menu, selectedSet, presented, preview,
                lastSale, lastVoid, message, error, pendingSale == null ? null : pendingSale.id().toString(), display,
                offline.status(), cashiers.current().orElse(null));
    }
}
