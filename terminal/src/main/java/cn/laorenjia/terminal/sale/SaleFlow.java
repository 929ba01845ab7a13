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
import cn.laorenjia.terminal.identify.IdentificationFailed;
import cn.laorenjia.terminal.identify.SeniorPresented;
import cn.laorenjia.terminal.receipt.ReceiptStore;
import cn.laorenjia.terminal.settlement.SettlementClient;
import cn.laorenjia.terminal.settlement.SettlementException;
import cn.laorenjia.terminal.journal.SaleJournal;
import cn.laorenjia.terminal.offline.OfflineCopy;
import cn.laorenjia.terminal.offline.OfflineCounter;
import cn.laorenjia.contract.till.ShiftOpening;
import cn.laorenjia.contract.till.TillSale;
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
 * and the last sale voided. The sale id is generated before the first attempt and kept until the service has
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
    private String presented;
    private IdentificationRequest identification;
    private MealPreview preview;
    private MealAuthorisation lastSale;
    /** Whether {@link #lastSale} was decided offline here (then it may still wait in the journal). */
    private boolean lastSaleOffline;
    private MealVoid lastVoid;
    private String message;
    private CounterState.Problem error;
    private Pending<AuthoriseMealRequest> pendingSale;
    private Pending<VoidMealRequest> pendingVoid;
    private CounterState.Display display = CounterState.Display.welcome();
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

    @PreDestroy
    void stop() {
        presentations.shutdownNow();
    }

    public CounterState state() {
        return current;
    }

    /** The current state, then every change. */
    public Multi<CounterState> changes() {
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(this::state), updates);
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
            display = new CounterState.Display("PROBLEM", "请稍候", "收银员正在处理", null);
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
                display = new CounterState.Display("PROBLEM", "请稍候", "收银员正在登录", null);
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
                error = new CounterState.Problem("UNKNOWN_MEAL_SET", "菜单中没有该套餐,请重新选择");
                return;
            }
            selectedSet = mealSetCode;
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
            error = new CounterState.Problem("NOTHING_TO_CONFIRM", "请先让老人刷卡或扫码,或按 F2 手工查询");
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
                        "该方式只能说明是谁,不能证明是本人:请核对老人本人或身份证后,勾选“已核对本人”(F6)再确认");
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
            } catch (SettlementException e) {
                if (!e.outcomeUnknown()) {
                    offline.reachable();
                    // refused: nothing was recorded, a new attempt is a new sale
                    offline.journal().done(List.of(new SaleJournal.Done(pendingSale.id(), "REFUSED_LIVE",
                            ApiError.of(e.code(), Objects.toString(e.messageZh(), "")))));
                    pendingSale = null;
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
                    fail(e, "网络异常,交易结果未知:请按 Enter 重试(同一交易号,不会重复扣次数)");
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
        paidAtFullPrice(sale, "");
        return sale;
    }

    private void paidAtFullPrice(TillSale sale, String name) {
        error = null;
        message = "已按原价收款 " + sale.amountDue().toYuanString() + " 元。" + paidNote(sale) + "按 Esc 接待下一位";
        display = new CounterState.Display("DONE", "谢谢惠顾", (name.isEmpty() ? "" : name + " ") + "应付 "
                + sale.amountDue().toYuanString() + " 元", null);
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
        if (wasLive) {
            offline.journal().wentOffline(saleId, decision.granted());
        } else {
            offline.journal().sale(saleId, SaleJournal.Mode.OFFLINE, decision.granted(), sale);
        }
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
        String name = p.senior() == null ? null : p.senior().nameMasked();
        // the till records what was charged: the subsidised amount, or the full price when the copy refused it
        TillSale till = journalTill(shift, saleId, sale.cashier(), p.mealSet().code(), p.price(),
                decision.granted() ? p.discount() : Money.ZERO, decision.granted(), true, tender, who, name,
                p.mealSet().name());
        if (decision.granted()) {
            showSold(answer, true);
            message = paidNote(till) + "离线收款:应收 " + answer.amountToPayYuan() + " 元(减免 " + answer.discountYuan()
                    + " 元),已保存在本机,联网后自动上传。按 Esc 接待下一位";
        } else {
            lastSale = answer;
            lastSaleOffline = true;
            lastVoid = null;
            receipts.keep(answer, menu);
            error = new CounterState.Problem(Objects.requireNonNullElse(p.refusalCode(), "OFFLINE_NOT_GRANTED"),
                    "网络中断,离线判断不能补贴:" + p.refusalMessage() + "。请按原价 "
                            + answer.priceYuan() + " 元收款");
            message = null;
            display = new CounterState.Display("FULL_PRICE", "按原价收费", p.senior().nameMasked()
                    + " 应付 " + answer.priceYuan() + " 元", "按原价收费");
            identification = null;
            preview = null;
            presented = null;
            offlineDecision = null;
        }
        return till;
    }

    private void showSold(MealAuthorisation answer, boolean decidedOffline) {
        lastSale = answer;
        lastSaleOffline = decidedOffline;
        lastVoid = null;
        receipts.keep(answer, menu);
        message = "已确认:应收 " + answer.amountToPayYuan() + " 元(减免 "
                + answer.discountYuan() + " 元)。按 Esc 接待下一位";
        error = null;
        display = new CounterState.Display("DONE", headline(answer.announcementZh()),
                answer.senior().nameMasked() + " 应付 " + answer.amountToPayYuan() + " 元", null);
        identification = null;
        preview = null;
        presented = null;
        offlineDecision = null;
    }

    /** Voids the last confirmed sale of this counter (the same day only; the service checks). */
    public CounterState voidLast() {
        String cashier = cashiers.requireSignedIn();
        return step(() -> {
            if (lastSale == null || lastVoid != null) {
                error = new CounterState.Problem("NOTHING_TO_VOID", "没有可撤销的上一笔交易");
                return;
            }
            UUID saleId = lastSale.saleId();
            if (lastSaleOffline && offline.journal().isPending(saleId)) {
                error = new CounterState.Problem("OFFLINE_SALE_NOT_SYNCED",
                        "这笔离线交易还没有上传到结算中心,上传后才能撤销;现在请直接退款并记下单号 " + saleId);
                return;
            }
            if ("OFFLINE_FULL_PRICE".equals(lastSale.status())) {
                error = new CounterState.Problem("NOTHING_TO_VOID", "上一笔按原价收费,没有补贴需要撤销");
                return;
            }
            if (pendingVoid == null || !pendingVoid.about().equals(saleId)) {
                UUID voidId = UUID.randomUUID();
                pendingVoid = new Pending<>(voidId, new VoidMealRequest(voidId,
                        OffsetDateTime.ofInstant(clock.instant(), ChinaCalendar.ZONE), "收银员撤销上一笔", cashier), saleId);
            }
            try {
                MealVoid answer = settlement.voidSale(saleId, pendingVoid.body());
                pendingVoid = null;
                lastVoid = answer;
                receipts.markVoided(saleId);
                error = null;
                message = "已撤销上一笔:请退还 " + answer.refundYuan() + " 元";
                display = new CounterState.Display("DONE", headline(answer.announcementZh()), "", null);
            } catch (SettlementException e) {
                if (!e.outcomeUnknown()) {
                    pendingVoid = null;
                }
                fail(e, e.outcomeUnknown() ? "网络异常,撤销结果未知:请按 F4 重试(不会重复撤销)" : null);
            }
        });
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
            display = CounterState.Display.welcome();
        });
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
                error = new CounterState.Problem("NO_MEAL_SET", "请先选择套餐(按数字键 1–9)");
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
                    display = new CounterState.Display("PROBLEM", "请稍候", "收银员正在为您查询", null);
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
            display = new CounterState.Display("PROBLEM", "请稍候", "收银员正在为您查询", null);
        }
    }

    private void showPreview() {
        String announcement = Objects.toString(preview.announcementZh(), "");
        String name = preview.senior() == null ? "" : preview.senior().nameMasked();
        if (preview.subsidised()) {
            display = new CounterState.Display("SUBSIDISED", headline(announcement),
                    name + " 应付 " + preview.amountToPayYuan() + " 元", announcement);
        } else {
            display = new CounterState.Display("FULL_PRICE", headline(announcement),
                    name + " " + Objects.toString(preview.refusalMessage(), ""), announcement);
        }
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
        if (selectedSet == null || menu.set(selectedSet) == null) {
            selectedSet = defaultSet(menu, LocalTime.ofInstant(clock.instant(), ChinaCalendar.ZONE));
        }
    }

    /** The dearest qualifying set of the meal being served at {@code now} (the menu lists the dearest first). */
    static String defaultSet(CounterMenu menu, LocalTime now) {
        MealSlot slot = now.isBefore(LocalTime.of(10, 0)) ? MealSlot.BREAKFAST
                : now.isBefore(LocalTime.of(15, 30)) ? MealSlot.LUNCH : MealSlot.DINNER;
        String anyQualifying = null;
        String first = null;
        for (CounterMenu.SetView set : Objects.requireNonNullElse(menu.sets(), List.<CounterMenu.SetView>of())) {
            String code = set.code();
            first = first == null ? code : first;
            if (set.qualifies()) {
                if (slot.name().equals(set.slot())) {
                    return code;
                }
                anyQualifying = anyQualifying == null ? code : anyQualifying;
            }
        }
        return anyQualifying != null ? anyQualifying : first;
    }

    private void fail(SettlementException e, String instead) {
        error = new CounterState.Problem(e.code(), instead != null ? instead : e.messageZh());
        message = null;
    }

    /** "减免3元，本周还剩2次" in very large type reads better as two words with a space. */
    private static String headline(String announcement) {
        return announcement.replace('，', ' ').replace(',', ' ');
    }

    private CounterState step(Runnable change) {
        steps.lock();
        try {
            change.run();
        } catch (RuntimeException e) {
            LOG.error("counter step failed", e);
            error = new CounterState.Problem("TERMINAL_ERROR", "终端出现意外错误,请按 Esc 后重试;如反复出现请联系管理员");
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
