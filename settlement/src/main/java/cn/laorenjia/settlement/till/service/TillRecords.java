package cn.laorenjia.settlement.till.service;

import cn.laorenjia.contract.till.ShiftClosed;
import cn.laorenjia.contract.till.ShiftClosing;
import cn.laorenjia.contract.till.ShiftOpening;
import cn.laorenjia.contract.till.TillRecordAnswer;
import cn.laorenjia.contract.till.TillSale;
import cn.laorenjia.contract.till.TillVoid;
import cn.laorenjia.contract.till.ZReport;
import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.till.Payment;
import cn.laorenjia.core.till.ShiftFigures;
import cn.laorenjia.core.till.TillRefusal;
import cn.laorenjia.core.till.TillSaleLine;
import cn.laorenjia.settlement.cashier.entity.Cashier;
import cn.laorenjia.settlement.cashier.service.CashierRegister;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCodes;
import cn.laorenjia.settlement.error.InvalidRequest;
import cn.laorenjia.settlement.ledger.entity.MealEntry;
import cn.laorenjia.settlement.ledger.rest.MealRequests;
import cn.laorenjia.settlement.ledger.service.Identification;
import cn.laorenjia.settlement.ledger.service.LedgerError;
import cn.laorenjia.settlement.ledger.service.SeniorIdentifier;
import cn.laorenjia.settlement.register.entity.MealSet;
import cn.laorenjia.settlement.register.entity.Terminal;
import cn.laorenjia.settlement.till.entity.TillSaleEntry;
import cn.laorenjia.settlement.till.entity.TillSaleEntry.LedgerAtUpload;
import cn.laorenjia.settlement.till.entity.TillShift;
import cn.laorenjia.settlement.till.entity.TillShiftClosing;
import cn.laorenjia.settlement.till.entity.TillVoidEntry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The central's copy of every counter's till: shift openings, every meal sold (subsidised or at full price) with its
 * tender and change, voids and closings. Each record is taken in its own transaction, exactly once per
 * client-generated id (the same id with the same content is a DUPLICATE; with other content it is refused), and
 * every claim a counter makes is checked, for a counter may be wrong or dishonest:
 * <ul>
 *   <li>the shift was opened at this terminal, and a sale or void names it while it is open;</li>
 *   <li>the cashier is a cashier of the terminal's canteen, active when the record was made;</li>
 *   <li>times are not in the future and not older than {@link TillConfig#maxAge()}, and not before the shift opened;</li>
 *   <li>the amounts add up ({@link Payment}, {@link TillSaleLine}: due = price − discount, the change right, only cash
 *       gets change, a full-price sale has no discount);</li>
 *   <li>the set is on the canteen's menu at that price, or, for a sale the ledger holds, the sale is the ledger's
 *       entry (terminal, set, price, discount, amount paid, how identified): a claim that differs is refused. A
 *       subsidised sale whose entry is not there yet (an offline sale not synced yet) is kept, UNCONFIRMED;</li>
 *   <li>a void names a sale of this terminal in the same shift, not voided before, and refunds exactly its amount due
 *       by its tender.</li>
 * </ul>
 * A shift's sales and voids are serialised with its closing by a transaction-scoped lock on the shift, so nothing
 * slips into a shift after its Z report was computed.
 */
@ApplicationScoped
public class TillRecords {

    /** The terminal sending the records, as authenticated. */
    public record Counter(long terminalId, long canteenId) {
    }

    private static final Set<String> IDENTIFIED_BY = Set.of("CARD", "QR", "MANUAL");
    private static final long MAX_AMOUNT_FEN = 1_000_000;

    private final EntityManager em;
    private final Clock clock;
    private final TillConfig config;
    private final ObjectMapper json;
    private final CashierRegister cashiers;
    private final SeniorIdentifier seniors;

    public TillRecords(EntityManager em, Clock clock, TillConfig config, ObjectMapper json, CashierRegister cashiers,
                       SeniorIdentifier seniors) {
        this.em = em;
        this.clock = clock;
        this.config = config;
        this.json = json;
        this.cashiers = cashiers;
        this.seniors = seniors;
    }

    // ---------------------------------------------------------------- opening

    @Transactional
    public TillRecordAnswer open(Counter counter, ShiftOpening opening) {
        require(opening, "body");
        require(opening.shiftId(), "shiftId");
        require(opening.openedAt(), "openedAt");
        require(opening.openingFloat(), "floatFen");
        String hash = hash(opening);
        lockShift(opening.shiftId());
        TillShift existing = em.find(TillShift.class, opening.shiftId());
        if (existing != null) {
            if (!existing.requestHash.equals(hash)) {
                throw LedgerError.DUPLICATE_ID_DIFFERENT_BODY.exception();
            }
            return TillRecordAnswer.duplicate(opening.shiftId(), null);
        }
        Instant openedAt = opening.openedAt().toInstant();
        requireRecent(openedAt);
        requireAmount(opening.openingFloat(), "floatFen");
        requireCashier(counter, opening.cashier(), openedAt);
        TillShift shift = new TillShift();
        shift.shiftId = opening.shiftId();
        shift.canteenId = counter.canteenId();
        shift.terminalId = counter.terminalId();
        shift.cashierNumber = opening.cashier();
        shift.openedAt = openedAt;
        shift.openedOn = ChinaCalendar.mealDate(openedAt);
        shift.floatFen = opening.openingFloat().fen();
        shift.requestHash = hash;
        em.persist(shift);
        em.flush();
        return TillRecordAnswer.accepted(opening.shiftId(), null);
    }

    // ---------------------------------------------------------------- sales

    /** One sale of a batch; refusals are thrown (nothing written) and answered per record by {@link TillBatches}. */
    @Transactional
    public TillRecordAnswer sale(Counter counter, TillSale sale) {
        requireShape(sale);
        String hash = hash(sale);
        lockShift(sale.shiftId());
        TillSaleEntry existing = em.find(TillSaleEntry.class, sale.saleId());
        if (existing != null) {
            if (!existing.requestHash.equals(hash)) {
                throw LedgerError.DUPLICATE_ID_DIFFERENT_BODY.exception();
            }
            return TillRecordAnswer.duplicate(sale.saleId(), existing.ledgerAtUpload.name());
        }
        TillShift shift = openShiftOf(counter, sale.shiftId());
        Instant at = sale.occurredAt().toInstant();
        requireRecent(at);
        requireNotBefore(at, shift.openedAt, "销售时间早于开班时间");
        requireCashier(counter, sale.cashier(), at);
        TillSaleLine line = line(sale);
        MealSet set = mealSet(counter.canteenId(), sale.mealSetCode());

        LedgerAtUpload ledger;
        Long seniorId;
        MealEntry entry = em.find(MealEntry.class, sale.saleId());
        if (entry != null) {
            requireLedgerMatch(counter, sale, set, entry);
            ledger = LedgerAtUpload.CONFIRMED;
            seniorId = entry.seniorId;
        } else {
            if (!set.active) {
                throw LedgerError.UNKNOWN_MEAL_SET.exception();
            }
            if (set.priceFen != line.price().fen()) {
                throw TillError.TILL_PRICE_NOT_ON_MENU.exception("套餐" + set.name + "的价格是" + set.price().toYuanString()
                        + "元，与上报的" + line.price().toYuanString() + "元不符，未记录");
            }
            ledger = line.subsidised() ? LedgerAtUpload.UNCONFIRMED : LedgerAtUpload.NONE;
            seniorId = seniorOf(sale, at);
        }

        TillSaleEntry row = new TillSaleEntry();
        row.saleId = sale.saleId();
        row.shiftId = shift.shiftId;
        row.canteenId = counter.canteenId();
        row.terminalId = counter.terminalId();
        row.cashierNumber = sale.cashier();
        row.occurredAt = at;
        row.mealDate = ChinaCalendar.mealDate(at);
        row.mealSetId = set.id;
        row.priceFen = line.price().fen();
        row.discountFen = line.discount().fen();
        row.dueFen = line.paid().fen();
        row.tender = line.payment().tender();
        row.tenderedFen = line.payment().tendered().fen();
        row.changeFen = line.payment().change().fen();
        row.subsidised = line.subsidised();
        row.offline = sale.offline();
        row.identifiedBy = sale.identifiedBy();
        row.seniorId = seniorId;
        row.ledgerAtUpload = ledger;
        row.requestHash = hash;
        em.persist(row);
        em.flush();
        return TillRecordAnswer.accepted(sale.saleId(), ledger.name());
    }

    // ---------------------------------------------------------------- voids

    @Transactional
    public TillRecordAnswer voidSale(Counter counter, TillVoid v) {
        require(v.voidId(), "voidId");
        require(v.saleId(), "saleId");
        require(v.shiftId(), "shiftId");
        require(v.occurredAt(), "occurredAt");
        require(v.refund(), "refundFen");
        require(v.tender(), "tender");
        if (v.reason() == null || v.reason().isBlank() || v.reason().length() > 200) {
            throw InvalidRequest.of("reason", "请求内容无效：撤销原因 reason 须为 1 至 200 个字符");
        }
        String hash = hash(v);
        lockShift(v.shiftId());
        TillVoidEntry existing = em.find(TillVoidEntry.class, v.voidId());
        if (existing != null) {
            if (!existing.requestHash.equals(hash)) {
                throw LedgerError.DUPLICATE_ID_DIFFERENT_BODY.exception();
            }
            return TillRecordAnswer.duplicate(v.voidId(), null);
        }
        TillShift shift = openShiftOf(counter, v.shiftId());
        TillSaleEntry sale = em.find(TillSaleEntry.class, v.saleId());
        if (sale == null || sale.terminalId != counter.terminalId()) {
            // a sale of another terminal is answered as one that does not exist: it is none of this counter's
            throw LedgerError.UNKNOWN_SALE.exception();
        }
        if (!sale.shiftId.equals(shift.shiftId)) {
            throw TillError.TILL_VOID_OTHER_SHIFT.exception();
        }
        Instant at = v.occurredAt().toInstant();
        requireRecent(at);
        requireNotBefore(at, sale.occurredAt, "撤销时间早于该笔销售的时间");
        requireCashier(counter, v.cashier(), at);
        if (v.refund().fen() != sale.dueFen || v.tender() != sale.tender) {
            throw TillError.TILL_VOID_NOT_THE_SALE.exception("撤销须按原支付方式（" + sale.tender.zh() + "）退还该笔销售的应收金额"
                    + Money.ofFen(sale.dueFen).toYuanString() + "元");
        }
        boolean voided = !em.createQuery("select v.voidId from TillVoidEntry v where v.saleId = :sale", UUID.class)
                .setParameter("sale", sale.saleId).getResultList().isEmpty();
        if (voided) {
            throw LedgerError.SALE_ALREADY_VOIDED.exception();
        }
        TillVoidEntry row = new TillVoidEntry();
        row.voidId = v.voidId();
        row.saleId = sale.saleId;
        row.shiftId = shift.shiftId;
        row.canteenId = counter.canteenId();
        row.terminalId = counter.terminalId();
        row.cashierNumber = v.cashier();
        row.occurredAt = at;
        row.reason = v.reason().strip();
        row.refundFen = v.refund().fen();
        row.tender = v.tender();
        row.requestHash = hash;
        em.persist(row);
        em.flush();
        return TillRecordAnswer.accepted(v.voidId(), null);
    }

    // ---------------------------------------------------------------- closing

    @Transactional
    public ShiftClosed close(Counter counter, UUID shiftId, ShiftClosing closing) {
        require(closing, "body");
        if (closing.shiftId() != null && !closing.shiftId().equals(shiftId)) {
            throw InvalidRequest.of("shiftId", "请求内容无效：请求体中的班次号与地址中的不一致");
        }
        require(closing.closedAt(), "closedAt");
        require(closing.countedCash(), "countedCashFen");
        require(closing.report(), "report");
        String hash = hash(closing);
        lockShift(shiftId);
        TillShiftClosing existing = em.find(TillShiftClosing.class, shiftId);
        if (existing != null) {
            if (!existing.requestHash.equals(hash)) {
                throw LedgerError.DUPLICATE_ID_DIFFERENT_BODY.exception();
            }
            return answer(existing, "DUPLICATE");
        }
        TillShift shift = shiftOf(counter, shiftId);
        Instant closedAt = closing.closedAt().toInstant();
        requireRecent(closedAt);
        requireNotBefore(closedAt, shift.openedAt, "交班时间早于开班时间");
        requireAmount(closing.countedCash(), "countedCashFen");
        requireCashier(counter, closing.cashier(), closedAt);

        ZReport central = centralReport(shift, closing.cashier(), closedAt, closing.countedCash());
        List<String> differences = ZReportComparison.differences(central, closing.report());
        TillShiftClosing row = new TillShiftClosing();
        row.shiftId = shiftId;
        row.cashierNumber = closing.cashier();
        row.closedAt = closedAt;
        row.countedCashFen = closing.countedCash().fen();
        row.counterReport = write(closing.report());
        row.centralReport = write(central);
        row.agrees = differences.isEmpty();
        row.differences = write(differences);
        row.unconfirmedSubsidised = (int) unconfirmedSubsidised(shiftId);
        row.requestHash = hash;
        em.persist(row);
        em.flush();
        return answer(row, "ACCEPTED");
    }

    /** The central's Z report of a shift from the sales and voids it holds, with the one rule {@link ShiftFigures}. */
    ZReport centralReport(TillShift shift, String closedBy, Instant closedAt, Money countedCash) {
        ShiftFigures figures = figures(shift);
        Terminal terminal = em.find(Terminal.class, shift.terminalId);
        return ZReport.of(shift.shiftId, terminal.code, terminal.canteen.code, shift.cashierNumber, closedBy,
                china(shift.openedAt), china(closedAt), figures, countedCash);
    }

    /** The shift's figures from the records held now. */
    public ShiftFigures figures(TillShift shift) {
        List<TillSaleEntry> sales = em.createQuery(
                        "from TillSaleEntry s where s.shiftId = :shift order by s.occurredAt, s.seq", TillSaleEntry.class)
                .setParameter("shift", shift.shiftId).getResultList();
        List<UUID> voided = em.createQuery("select v.saleId from TillVoidEntry v where v.shiftId = :shift", UUID.class)
                .setParameter("shift", shift.shiftId).getResultList();
        List<TillSaleLine> lines = sales.stream().map(TillRecords::lineOf).toList();
        return ShiftFigures.of(Money.ofFen(shift.floatFen), lines, voided);
    }

    static TillSaleLine lineOf(TillSaleEntry s) {
        return new TillSaleLine(s.saleId, s.subsidised, Money.ofFen(s.priceFen), Money.ofFen(s.discountFen),
                Payment.of(s.tender, Money.ofFen(s.dueFen), Money.ofFen(s.tenderedFen)),
                "MANUAL".equals(s.identifiedBy), s.offline);
    }

    /** Subsidised sales of the shift whose ledger entry is not (yet) in the ledger. */
    long unconfirmedSubsidised(UUID shiftId) {
        return em.createQuery("select count(s) from TillSaleEntry s where s.shiftId = :shift and s.subsidised = true "
                        + "and not exists (select e.entryId from MealEntry e where e.entryId = s.saleId)", Long.class)
                .setParameter("shift", shiftId).getSingleResult();
    }

    ShiftClosed answer(TillShiftClosing row, String outcome) {
        return new ShiftClosed(row.shiftId, outcome, read(row.centralReport, ZReport.class),
                read(row.counterReport, ZReport.class), row.agrees,
                read(row.differences, new TypeReference<List<String>>() { }), row.unconfirmedSubsidised);
    }

    // ---------------------------------------------------------------- checks

    private static void requireShape(TillSale sale) {
        require(sale.saleId(), "saleId");
        require(sale.shiftId(), "shiftId");
        require(sale.occurredAt(), "occurredAt");
        if (sale.mealSetCode() == null || sale.mealSetCode().isBlank() || sale.mealSetCode().length() > 32) {
            throw InvalidRequest.of("mealSetCode", "请求内容无效：套餐编码 mealSetCode 须为 1 至 32 个字符");
        }
        require(sale.price(), "priceFen");
        require(sale.discount(), "discountFen");
        require(sale.amountDue(), "amountDueFen");
        require(sale.tender(), "tender");
        requireAmount(sale.price(), "priceFen");
        if (sale.identifiedBy() != null && !IDENTIFIED_BY.contains(sale.identifiedBy())) {
            throw InvalidRequest.unknownValue("identifiedBy");
        }
        if (sale.subsidised() && sale.identifiedBy() == null) {
            throw InvalidRequest.of("identifiedBy", "请求内容无效：补贴销售须说明老人的识别方式 identifiedBy");
        }
        if (sale.identifiedBy() == null && sale.identification() != null) {
            throw InvalidRequest.of("identifiedBy", "请求内容无效：有识别信息 identification 时须有识别方式 identifiedBy");
        }
    }

    /** The sale's amounts as the core's rule takes them: a payment that adds up, a line whose due is price − discount. */
    private static TillSaleLine line(TillSale sale) {
        Payment payment;
        try {
            payment = Payment.of(sale.tender(), sale.amountDue(), sale.tendered());
        } catch (TillRefusal refusal) {
            throw new ApiException(refusal.code().name(), refusal.messageZh());
        }
        Money change = sale.change() == null ? Money.ZERO : sale.change();
        if (!change.equals(payment.change())
                || !sale.amountDue().equals(sale.price().minus(sale.discount()))
                || sale.price().isLessThan(sale.discount()) || sale.discount().isNegative()
                || !sale.subsidised() && !sale.discount().isZero()) {
            throw TillError.TILL_AMOUNTS_DO_NOT_ADD_UP.exception();
        }
        return new TillSaleLine(sale.saleId(), sale.subsidised(), sale.price(), sale.discount(), payment,
                "MANUAL".equals(sale.identifiedBy()), sale.offline());
    }

    /** The ledger's entry under the sale's id must be this very sale: same terminal, set, amounts, identification. */
    private static void requireLedgerMatch(Counter counter, TillSale sale, MealSet set, MealEntry entry) {
        boolean same = sale.subsidised() && entry.type == MealEntry.Type.SALE && entry.subsidised
                && entry.terminalId == counter.terminalId()
                && Objects.equals(entry.mealSetId, set.id)
                && entry.setPriceFen == sale.price().fen()
                && entry.discountFen == sale.discount().fen()
                && entry.paidFen == sale.amountDue().fen()
                && entry.identifiedBy.name().equals(sale.identifiedBy());
        if (!same) {
            throw TillError.TILL_LEDGER_MISMATCH.exception();
        }
    }

    /**
     * The senior of a sale the ledger does not hold, resolved from the identification as presented, without using
     * anything up (a phone code is checked at the sale's time and not spent); null for a walk-in, or when it no
     * longer resolves (a card revoked since): the record is kept all the same.
     */
    private Long seniorOf(TillSale sale, Instant at) {
        if (sale.identification() == null) {
            return null;
        }
        Identification identification = MealRequests.identification(sale.identification());
        try {
            return seniors.identify(identification, null, at).id;
        } catch (ApiException unresolved) {
            return null;
        }
    }

    private MealSet mealSet(long canteenId, String code) {
        return em.createQuery("from MealSet s where s.canteen.id = :canteen and s.code = :code", MealSet.class)
                .setParameter("canteen", canteenId).setParameter("code", code).getResultStream().findFirst()
                .orElseThrow(LedgerError.UNKNOWN_MEAL_SET::exception);
    }

    private TillShift shiftOf(Counter counter, UUID shiftId) {
        TillShift shift = em.find(TillShift.class, shiftId);
        if (shift == null) {
            throw TillError.TILL_SHIFT_UNKNOWN.exception();
        }
        if (shift.terminalId != counter.terminalId()) {
            throw TillError.TILL_SHIFT_NOT_OF_THIS_TERMINAL.exception();
        }
        return shift;
    }

    private TillShift openShiftOf(Counter counter, UUID shiftId) {
        TillShift shift = shiftOf(counter, shiftId);
        if (em.find(TillShiftClosing.class, shiftId) != null) {
            throw TillError.TILL_SHIFT_CLOSED.exception();
        }
        return shift;
    }

    /**
     * A cashier of the terminal's canteen, active when the record was made: a cashier deactivated after the record
     * (their register row changed after it) is accepted, for the record was made while they were signed in and a
     * refusal would only lose it.
     */
    private void requireCashier(Counter counter, String number, Instant at) {
        Cashier cashier = number != null && number.matches("[0-9]{1,8}") ? cashiers.find(counter.canteenId(), number)
                : null;
        if (cashier == null || !cashier.active && !cashier.changedAt.isAfter(at)) {
            throw new ApiException(ErrorCodes.CASHIER_UNKNOWN, "收银员工号 " + (cashier == null ? "" : number)
                    + " 不是本食堂在岗的收银员，本条记录未保存");
        }
    }

    private void requireRecent(Instant at) {
        Instant now = clock.instant();
        if (at.isAfter(now.plus(config.maxClockSkew())) || at.isBefore(now.minus(config.maxAge()))) {
            throw LedgerError.TIMESTAMP_OUT_OF_RANGE.exception("记录时间不在可上传的范围内（不能晚于服务器时间，也不能早于"
                    + config.maxAge().toDays() + "天前），请校准终端时钟");
        }
    }

    private static void requireNotBefore(Instant at, Instant earliest, String whatZh) {
        if (at.isBefore(earliest)) {
            throw LedgerError.TIMESTAMP_OUT_OF_RANGE.exception(whatZh + "，未记录");
        }
    }

    private static void requireAmount(Money amount, String field) {
        if (amount.isNegative() || amount.fen() > MAX_AMOUNT_FEN) {
            throw InvalidRequest.of(field, "请求内容无效：金额 " + field + " 须在 0 至 " + MAX_AMOUNT_FEN + " 分之间");
        }
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw "body".equals(field) ? new InvalidRequest("请求内容无效：缺少JSON请求体") : InvalidRequest.missing(field);
        }
    }

    /** Serialises the records of one shift (its sales, voids and closing) against each other. */
    private void lockShift(UUID shiftId) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('laorenjia.till'), hashtext(?1))")
                .setParameter(1, shiftId.toString()).getSingleResult();
    }

    private static OffsetDateTime china(Instant at) {
        return at.atZone(ChinaCalendar.ZONE).toOffsetDateTime();
    }

    /** The content of a record, for "the same id with the same content": its JSON, hashed. */
    private String hash(Object record) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(write(record).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is unreadable", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored value is unreadable", e);
        }
    }
}
