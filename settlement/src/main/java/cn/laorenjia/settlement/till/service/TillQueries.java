package cn.laorenjia.settlement.till.service;

import cn.laorenjia.contract.till.ShiftClosed;
import cn.laorenjia.contract.till.ZReport;
import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.till.ShiftFigures;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCodes;
import cn.laorenjia.settlement.error.InvalidRequest;
import cn.laorenjia.settlement.register.entity.Terminal;
import cn.laorenjia.settlement.security.CanteenDirectory;
import cn.laorenjia.settlement.till.entity.TillShift;
import cn.laorenjia.settlement.till.entity.TillShiftClosing;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The till's records for people (finance, administrators, supervisors, a canteen's manager): the shifts of a canteen
 * with both Z reports' key figures and whether they agree, and one shift's Z reports in full. Nothing here names a
 * senior: cashiers by their staff number, amounts and counts only.
 */
@ApplicationScoped
public class TillQueries {

    /** The longest range of days one list covers. */
    static final int MAX_DAYS = 92;

    /** A shift's key figures, from one Z report (or, for a shift still open, the central's figures so far). */
    public record Figures(long meals, long subsidisedMeals, long fullPriceMeals, long voids,
                          @JsonProperty("takingsFen") Money takings,
                          @JsonProperty("expectedCashFen") Money expectedCash,
                          @JsonProperty("countedCashFen") Money countedCash,
                          @JsonProperty("cashDifferenceFen") Money cashDifference) {

        static Figures of(ZReport z) {
            return new Figures(z.subsidised().meals() + z.fullPrice().meals(), z.subsidised().meals(),
                    z.fullPrice().meals(), z.voids(), z.subsidised().paid().plus(z.fullPrice().paid()),
                    z.expectedCash(), z.countedCash(), z.cashDifference());
        }

        /** A report as a counter may send it: a figure left out counts as none. */
        static Figures ofCounter(ZReport z) {
            ZReport.Kind none = new ZReport.Kind(0, Money.ZERO, Money.ZERO, Money.ZERO);
            ZReport.Kind sub = z.subsidised() == null ? none : z.subsidised();
            ZReport.Kind full = z.fullPrice() == null ? none : z.fullPrice();
            return new Figures(sub.meals() + full.meals(), sub.meals(), full.meals(), z.voids(),
                    orZero(sub.paid()).plus(orZero(full.paid())), z.expectedCash(), z.countedCash(), z.cashDifference());
        }

        static Figures of(ShiftFigures f) {
            return new Figures(f.meals(), f.subsidised().meals(), f.fullPrice().meals(), f.voids(), f.takings(),
                    f.expectedCash(), null, null);
        }

        private static Money orZero(Money m) {
            return m == null ? Money.ZERO : m;
        }
    }

    /**
     * One shift in the list.
     *
     * @param status  OPEN (no closing received yet) or CLOSED
     * @param central the central's figures: of its Z report when closed, of the records held so far when open
     * @param counter the counter's Z report's figures; null while open
     * @param agrees  whether the two Z reports agree to the fen; null while open
     */
    public record ShiftSummary(UUID shiftId, String canteen, String terminal, String openedBy, OffsetDateTime openedAt,
                               @JsonProperty("floatFen") Money openingFloat, String status, String closedBy,
                               OffsetDateTime closedAt, Figures central, Figures counter, Boolean agrees,
                               List<String> differences) {
    }

    /** One closed shift's two Z reports, as kept at its closing. */
    public record ShiftZReport(UUID shiftId, String canteen, String terminal, ZReport central, ZReport counter,
                               boolean agrees, List<String> differences, int unconfirmedSubsidisedAtClose,
                               long unconfirmedSubsidisedNow) {
    }

    private final EntityManager em;
    private final Clock clock;
    private final TillRecords records;
    private final CanteenDirectory canteens;

    public TillQueries(EntityManager em, Clock clock, TillRecords records, CanteenDirectory canteens) {
        this.em = em;
        this.clock = clock;
        this.records = records;
        this.canteens = canteens;
    }

    /**
     * The shifts opened between {@code from} and {@code to} (Beijing dates, both included; default today), of one
     * canteen (its code) or, for those who see all canteens, of all; {@code onlyCanteen} limits a canteen's manager
     * to their own.
     */
    @Transactional
    public List<ShiftSummary> shifts(String canteenCode, LocalDate from, LocalDate to, Optional<Long> onlyCanteen) {
        LocalDate today = ChinaCalendar.mealDate(clock.instant());
        LocalDate first = from == null ? (to == null ? today : to) : from;
        LocalDate last = to == null ? (from == null ? today : from) : to;
        if (last.isBefore(first) || ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw InvalidRequest.of("from", "请求内容无效：日期范围须从 from 到 to（含），最长 " + MAX_DAYS + " 天");
        }
        Long canteenId = canteenCode == null ? null : canteens.idOf(canteenCode)
                .orElseThrow(() -> new ApiException(ErrorCodes.UNKNOWN_CANTEEN, "未找到该食堂"));
        if (onlyCanteen.isPresent()) {
            if (canteenId != null && !canteenId.equals(onlyCanteen.get())) {
                throw new ApiException(ErrorCodes.FORBIDDEN, "只能查看本人负责的食堂");
            }
            canteenId = onlyCanteen.get();
        }
        List<TillShift> shifts = em.createQuery("from TillShift s where (:canteen is null or s.canteenId = :canteen) "
                        + "and s.openedOn between :from and :to order by s.openedAt, s.shiftId", TillShift.class)
                .setParameter("canteen", canteenId).setParameter("from", first).setParameter("to", last)
                .getResultList();
        if (shifts.isEmpty()) {
            return List.of();
        }
        Map<UUID, TillShiftClosing> closings = em.createQuery(
                        "from TillShiftClosing c where c.shiftId in :ids", TillShiftClosing.class)
                .setParameter("ids", shifts.stream().map(s -> s.shiftId).toList()).getResultStream()
                .collect(Collectors.toMap(c -> c.shiftId, Function.identity()));
        Map<Long, Terminal> terminals = new HashMap<>();
        return shifts.stream().map(shift -> {
            Terminal terminal = terminals.computeIfAbsent(shift.terminalId, id -> em.find(Terminal.class, id));
            TillShiftClosing closing = closings.get(shift.shiftId);
            if (closing == null) {
                return new ShiftSummary(shift.shiftId, terminal.canteen.code, terminal.code, shift.cashierNumber,
                        china(shift.openedAt), Money.ofFen(shift.floatFen), "OPEN", null, null,
                        Figures.of(records.figures(shift)), null, null, null);
            }
            ShiftClosed closed = records.answer(closing, "CLOSED");
            return new ShiftSummary(shift.shiftId, terminal.canteen.code, terminal.code, shift.cashierNumber,
                    china(shift.openedAt), Money.ofFen(shift.floatFen), "CLOSED", closing.cashierNumber,
                    china(closing.closedAt), Figures.of(closed.central()), Figures.ofCounter(closed.counter()),
                    closed.agrees(), closed.differences());
        }).toList();
    }

    /** A closed shift's two Z reports; TILL_SHIFT_UNKNOWN, or TILL_SHIFT_NOT_CLOSED while it is open. */
    @Transactional
    public ShiftZReport zReport(UUID shiftId, Optional<Long> onlyCanteen) {
        TillShift shift = em.find(TillShift.class, shiftId);
        if (shift == null || onlyCanteen.isPresent() && onlyCanteen.get() != shift.canteenId) {
            // another canteen's shift is answered as unknown to its manager: they learn nothing of it
            throw TillError.TILL_SHIFT_UNKNOWN.exception("未找到该班次");
        }
        TillShiftClosing closing = em.find(TillShiftClosing.class, shiftId);
        if (closing == null) {
            throw TillError.TILL_SHIFT_NOT_CLOSED.exception();
        }
        Terminal terminal = em.find(Terminal.class, shift.terminalId);
        ShiftClosed closed = records.answer(closing, "CLOSED");
        return new ShiftZReport(shiftId, terminal.canteen.code, terminal.code, closed.central(), closed.counter(),
                closed.agrees(), closed.differences(), closing.unconfirmedSubsidised,
                records.unconfirmedSubsidised(shiftId));
    }

    private static OffsetDateTime china(Instant at) {
        return at.atZone(ChinaCalendar.ZONE).toOffsetDateTime();
    }
}
