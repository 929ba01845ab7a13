package cn.laorenjia.terminal.till;

import cn.laorenjia.contract.till.ShiftClosing;
import cn.laorenjia.contract.till.ShiftOpening;
import cn.laorenjia.contract.till.ZReport;
import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.till.ShiftFigures;
import cn.laorenjia.terminal.cashier.CashierSession;
import cn.laorenjia.terminal.offline.OfflineCounter;
import cn.laorenjia.terminal.settlement.SettlementClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The counter as a till: a shift is opened with a float by a signed-in cashier, stays open across restarts and
 * cashier sign-ins (it lives in the till journal), and is closed with the cash counted, which makes its Z report from
 * the journal by the core's one rule ({@link ShiftFigures}, {@link ZReport#of}): offline too. Selling needs an open
 * shift ({@link #requireOpenShift()}).
 */
@ApplicationScoped
public class Till {

    private static final Logger LOG = Logger.getLogger(Till.class);

    /** The open shift (or none) and its figures so far. */
    public record ShiftState(boolean open, ShiftOpening shift, ZReport soFar, UUID lastClosedShiftId) {
    }

    private final OfflineCounter offline;
    private final CashierSession cashiers;
    private final SettlementClient settlement;
    private final Clock clock;

    public Till(OfflineCounter offline, CashierSession cashiers, SettlementClient settlement, Clock clock) {
        this.offline = offline;
        this.cashiers = cashiers;
        this.settlement = settlement;
        this.clock = clock;
    }

    public TillJournal journal() {
        return offline.till();
    }

    /** Opens a shift with the float counted into the drawer (yuan text, e.g. "200" or "200.00"). */
    public ShiftOpening open(String floatYuan) {
        String cashier = cashiers.requireSignedIn();
        Money openingFloat = yuan(floatYuan);
        ShiftOpening opening = journal().openShift(new ShiftOpening(UUID.randomUUID(), now(), cashier, openingFloat));
        LOG.infof("shift %s opened by cashier %s with a float of %s yuan", opening.shiftId(), cashier,
                openingFloat.toYuanString());
        return opening;
    }

    /** The shift open now; refused when there is none (nothing may be sold). */
    public ShiftOpening requireOpenShift() {
        return journal().currentShift().orElseThrow(() -> new TillProblem(TillProblem.Code.SHIFT_NOT_OPEN));
    }

    /** The shift and its takings so far: for a signed-in cashier only (a counter left alone shows no takings). */
    public ShiftState state() {
        cashiers.requireSignedIn();
        TillJournal j = journal();
        UUID lastClosed = j.lastClosing().map(ShiftClosing::shiftId).orElse(null);
        return j.currentShift()
                .map(s -> new ShiftState(true, s, soFar(s), lastClosed))
                .orElseGet(() -> new ShiftState(false, null, null, lastClosed));
    }

    /**
     * The cashier counted the drawer: the shift closes and its Z report is made from the journal, kept there (and so
     * uploaded) and returned.
     *
     * @param canteenCode the canteen of this counter as its menu says (null when it was never read)
     */
    public ZReport close(String countedYuan, String canteenCode) {
        String cashier = cashiers.requireSignedIn();
        ShiftOpening shift = requireOpenShift();
        Money counted = yuan(countedYuan);
        OffsetDateTime closedAt = now();
        ShiftFigures figures = journal().figures(shift.shiftId());
        ZReport report = ZReport.of(shift.shiftId(), settlement.terminalCode().orElse(""),
                canteenCode == null ? "" : canteenCode, shift.cashier(), cashier, shift.openedAt(), closedAt, figures,
                counted);
        journal().closed(new ShiftClosing(shift.shiftId(), closedAt, cashier, counted, report));
        LOG.infof("shift %s closed by cashier %s: %d meals, cash difference %s yuan", shift.shiftId(), cashier,
                figures.meals(), report.cashDifference().toYuanString());
        return report;
    }

    /** The Z report of a closed shift, as kept at its close. */
    public Optional<ZReport> zReport(UUID shiftId) {
        cashiers.requireSignedIn();
        return journal().closing(shiftId).map(ShiftClosing::report);
    }

    /** The open shift's sales, newest first (empty with no shift open). */
    public List<TillJournal.SaleView> sales() {
        cashiers.requireSignedIn(); // the list names seniors (masked)
        return journal().currentShift().map(s -> journal().sales(s.shiftId())).orElse(List.of());
    }

    /** The open shift's figures as a report so far: counted cash taken as expected (no difference yet). */
    private ZReport soFar(ShiftOpening s) {
        ShiftFigures figures = journal().figures(s.shiftId());
        return ZReport.of(s.shiftId(), settlement.terminalCode().orElse(""), "", s.cashier(), null, s.openedAt(),
                null, figures, figures.expectedCash());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ChinaCalendar.ZONE);
    }

    /** A yuan amount as the cashier typed it ("200", "200.00"); full-width digits and a trailing 元 are accepted. */
    static Money yuan(String text) {
        if (text == null || text.isBlank()) {
            throw new TillProblem(TillProblem.Code.INVALID_AMOUNT_TEXT);
        }
        StringBuilder ascii = new StringBuilder();
        for (char c : text.strip().toCharArray()) {
            if (c >= '０' && c <= '９') {
                ascii.append((char) (c - '０' + '0'));
            } else if (c == '．' || c == '。') {
                ascii.append('.');
            } else if (c != '元') {
                ascii.append(c);
            }
        }
        try {
            Money m = Money.parseYuan(ascii.toString().strip());
            if (m.isNegative()) {
                throw new TillProblem(TillProblem.Code.INVALID_AMOUNT_TEXT);
            }
            return m;
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new TillProblem(TillProblem.Code.INVALID_AMOUNT_TEXT);
        }
    }
}
