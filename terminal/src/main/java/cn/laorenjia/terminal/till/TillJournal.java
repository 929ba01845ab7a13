package cn.laorenjia.terminal.till;

import cn.laorenjia.contract.json.ContractJson;
import cn.laorenjia.contract.meal.IdentificationRequest;
import cn.laorenjia.contract.till.ShiftClosing;
import cn.laorenjia.contract.till.ShiftOpening;
import cn.laorenjia.contract.till.TillSale;
import cn.laorenjia.contract.till.TillVoid;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.core.till.Payment;
import cn.laorenjia.core.till.ShiftFigures;
import cn.laorenjia.core.till.TillSaleLine;
import cn.laorenjia.terminal.journal.CheckedLog;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The till's crash-safe record of shifts and of every meal sold at this counter (subsidised or at full price, with its
 * tender and change) and every void, in {@link CheckedLog}'s line format: each record is forced to disk before the
 * step is shown as done. From it the counter knows after a restart which shift is open and its figures (X and Z
 * reports work offline), and which records the central has not yet answered: each is uploaded in journal order and
 * leaves the queue only with the central's final answer (a SENT record), resent with the same id until then.
 *
 * <p>Records: OPEN ({@link ShiftOpening}), SALE ({@link TillSale} and a note for the cashier's list), VOID
 * ({@link TillVoid}), CLOSE ({@link ShiftClosing} with the Z report), SENT (keys of records the central answered
 * finally, with ACCEPTED or REFUSED and the refusal). Append-only; an ID number looked up by hand is kept masked.
 */
public final class TillJournal implements AutoCloseable {

    static final String FILE = "till.journal";

    /** What the cashier's list of sales shows beside the record: the masked name and the set's name. */
    public record SaleNote(String nameMasked, String setName) {
    }

    /** A record not yet answered by the central, in journal order; exactly one of the bodies is set. */
    public record Unsent(String key, ShiftOpening opening, TillSale sale, TillVoid voided, ShiftClosing closing) {
    }

    /** One sale of a shift as the cashier's list shows it. */
    public record SaleView(UUID saleId, java.time.OffsetDateTime time, String nameMasked, String mealSetCode,
                           String setName, String amountDue, long amountDueFen, String tender, String tenderZh,
                           String change, boolean subsidised, boolean offline, boolean manualLookUp, boolean voided) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(String t, UUID id, ShiftOpening opening, TillSale sale, SaleNote note, TillVoid voided,
                 ShiftClosing closing, List<String> keys, String status, String code, String message) {
    }

    private static final class Shift {
        final ShiftOpening opening;
        final List<UUID> sales = new ArrayList<>();
        ShiftClosing closing;

        Shift(ShiftOpening opening) {
            this.opening = opening;
        }
    }

    private record Stored(TillSale sale, SaleNote note) {
    }

    private final CheckedLog log;
    private final ObjectMapper json = ContractJson.mapper();
    private final Map<UUID, Shift> shifts = new LinkedHashMap<>();
    private final Map<UUID, Stored> sales = new HashMap<>();
    private final Map<UUID, TillVoid> voidsBySale = new LinkedHashMap<>();
    private final Map<String, Unsent> unsent = new LinkedHashMap<>();
    private UUID openShift;
    private UUID lastClosed;

    private TillJournal(CheckedLog log) {
        this.log = log;
    }

    /** Opens (or creates) the till journal in {@code directory}, recovering what a crash left. */
    public static TillJournal open(Path directory) {
        TillJournal journal = new TillJournal(CheckedLog.open(directory.resolve(FILE)));
        for (String line : journal.log.recovered()) {
            try {
                journal.apply(journal.json.readValue(line, Entry.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable till journal record in " + journal.log.file(), e);
            }
        }
        return journal;
    }

    public Path file() {
        return log.file();
    }

    /** Opens a shift; refused while another is open here. */
    public synchronized ShiftOpening openShift(ShiftOpening opening) {
        if (openShift != null) {
            if (openShift.equals(opening.shiftId())) {
                return shifts.get(openShift).opening; // a repeat of the same opening
            }
            throw new TillProblem(TillProblem.Code.SHIFT_ALREADY_OPEN);
        }
        if (shifts.containsKey(opening.shiftId())) {
            throw new IllegalArgumentException("shift " + opening.shiftId() + " was opened before");
        }
        ShiftFigures.of(opening.openingFloat(), List.of(), List.of()); // a negative float is refused here
        write(new Entry("OPEN", opening.shiftId(), opening, null, null, null, null, null, null, null, null));
        return opening;
    }

    /** The shift open at this counter, if any. */
    public synchronized Optional<ShiftOpening> currentShift() {
        return openShift == null ? Optional.empty() : Optional.of(shifts.get(openShift).opening);
    }

    public synchronized Optional<ShiftOpening> opening(UUID shiftId) {
        return Optional.ofNullable(shifts.get(shiftId)).map(s -> s.opening);
    }

    /** The closing (with its Z report) of a closed shift. */
    public synchronized Optional<ShiftClosing> closing(UUID shiftId) {
        return Optional.ofNullable(shifts.get(shiftId)).map(s -> s.closing);
    }

    /** The closing of the shift closed last here, if any. */
    public synchronized Optional<ShiftClosing> lastClosing() {
        return lastClosed == null ? Optional.empty() : closing(lastClosed);
    }

    /**
     * Journals a meal sold in the open shift; a repeat of a journalled sale id changes nothing. The sale must add up
     * (its payment and amounts are checked by the core's rule before anything is written).
     */
    public synchronized void sale(TillSale sale, SaleNote note) {
        if (sales.containsKey(sale.saleId())) {
            return;
        }
        if (openShift == null || !openShift.equals(sale.shiftId())) {
            throw new TillProblem(TillProblem.Code.SHIFT_NOT_OPEN);
        }
        TillSale kept = withMaskedIdNumber(sale);
        lineOf(kept);
        write(new Entry("SALE", kept.saleId(), null, kept, note, null, null, null, null, null, null));
    }

    /**
     * Journals the void of a sale of this counter (refunded in full by its tender); false when that sale was voided
     * before (nothing written). For the void flow: call it once the void is final (for a subsidised sale, once the
     * central's ledger void answered).
     */
    public synchronized boolean voided(TillVoid v) {
        if (!sales.containsKey(v.saleId())) {
            throw new TillProblem(TillProblem.Code.SALE_UNKNOWN);
        }
        if (voidsBySale.containsKey(v.saleId())) {
            return false;
        }
        write(new Entry("VOID", v.voidId(), null, null, null, v, null, null, null, null, null));
        return true;
    }

    /** A sale journalled here, if any. */
    public synchronized Optional<TillSale> sale(UUID saleId) {
        return Optional.ofNullable(sales.get(saleId)).map(Stored::sale);
    }

    /** Closes the open shift with its Z report. */
    public synchronized void closed(ShiftClosing closing) {
        if (openShift == null || !openShift.equals(closing.shiftId())) {
            throw new TillProblem(TillProblem.Code.SHIFT_NOT_OPEN);
        }
        write(new Entry("CLOSE", closing.shiftId(), null, null, null, null, closing, null, null, null, null));
    }

    /** A shift's figures from its sales and the voids journalled so far, by the core's one rule. */
    public synchronized ShiftFigures figures(UUID shiftId) {
        Shift shift = shifts.get(shiftId);
        if (shift == null) {
            throw new TillProblem(TillProblem.Code.SHIFT_UNKNOWN);
        }
        List<TillSaleLine> lines = shift.sales.stream().map(id -> lineOf(sales.get(id).sale())).toList();
        return ShiftFigures.of(shift.opening.openingFloat(), lines, voidsBySale.keySet());
    }

    /** The sales of a shift, newest first. */
    public synchronized List<SaleView> sales(UUID shiftId) {
        Shift shift = shifts.get(shiftId);
        if (shift == null) {
            throw new TillProblem(TillProblem.Code.SHIFT_UNKNOWN);
        }
        List<SaleView> list = new ArrayList<>();
        for (int i = shift.sales.size() - 1; i >= 0; i--) {
            Stored s = sales.get(shift.sales.get(i));
            TillSale t = s.sale();
            list.add(new SaleView(t.saleId(), t.occurredAt(), s.note() == null ? null : s.note().nameMasked(),
                    t.mealSetCode(), s.note() == null ? t.mealSetCode() : s.note().setName(),
                    t.amountDue().toYuanString(), t.amountDue().fen(), t.tender().name(), t.tender().zh(),
                    t.change().toYuanString(), t.subsidised(), t.offline(), isManual(t),
                    voidsBySale.containsKey(t.saleId())));
        }
        return list;
    }

    /** Up to {@code max} records the central has not answered finally, oldest first. */
    public synchronized List<Unsent> unsent(int max) {
        return unsent.values().stream().limit(max).toList();
    }

    public synchronized int unsentCount() {
        return unsent.size();
    }

    /** The central answered these records finally (ACCEPTED, or REFUSED with its code): they leave the queue. */
    public synchronized void sent(Collection<String> keys, String status, String code, String message) {
        List<String> known = keys.stream().filter(unsent::containsKey).toList();
        if (known.isEmpty()) {
            return;
        }
        write(new Entry("SENT", null, null, null, null, null, null, known, status, code, message));
    }

    @Override
    public synchronized void close() {
        log.close();
    }

    /** The line the core counts for a sale: its payment rebuilt, so a sale that does not add up is refused. */
    static TillSaleLine lineOf(TillSale t) {
        Payment payment = Payment.of(t.tender(), t.amountDue(), t.tendered());
        if (!payment.change().equals(t.change())) {
            throw new IllegalArgumentException("change " + t.change() + " is not " + payment.change() + ": " + t.saleId());
        }
        return new TillSaleLine(t.saleId(), t.subsidised(), t.price(), t.discount(), payment, isManual(t), t.offline());
    }

    static boolean isManual(TillSale t) {
        return IdentificationRequest.MANUAL.equals(t.identifiedBy());
    }

    private static TillSale withMaskedIdNumber(TillSale t) {
        IdentificationRequest who = t.identification();
        if (who == null || who.idNumber() == null || who.idNumber().contains("*")) {
            return t;
        }
        String masked;
        try {
            masked = IdNumber.parse(who.idNumber()).masked();
        } catch (RuntimeException notAnIdNumber) {
            masked = "*".repeat(who.idNumber().length());
        }
        IdentificationRequest kept = new IdentificationRequest(who.method(), who.cardKind(), who.identifier(), masked,
                who.reason(), who.token());
        return new TillSale(t.saleId(), t.shiftId(), t.occurredAt(), t.cashier(), t.mealSetCode(), t.price(),
                t.discount(), t.amountDue(), t.tender(), t.tendered(), t.change(), t.subsidised(), t.offline(),
                t.identifiedBy(), kept);
    }

    private void write(Entry e) {
        try {
            log.append(List.of(json.writeValueAsString(e)));
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
        apply(e);
    }

    private void apply(Entry e) {
        switch (e.t()) {
            case "OPEN" -> {
                shifts.put(e.id(), new Shift(e.opening()));
                openShift = e.id();
                unsent.put("OPEN:" + e.id(), new Unsent("OPEN:" + e.id(), e.opening(), null, null, null));
            }
            case "SALE" -> {
                sales.put(e.id(), new Stored(e.sale(), e.note()));
                Shift shift = shifts.get(e.sale().shiftId());
                if (shift != null) {
                    shift.sales.add(e.id());
                }
                unsent.put("SALE:" + e.id(), new Unsent("SALE:" + e.id(), null, e.sale(), null, null));
            }
            case "VOID" -> {
                voidsBySale.put(e.voided().saleId(), e.voided());
                unsent.put("VOID:" + e.id(), new Unsent("VOID:" + e.id(), null, null, e.voided(), null));
            }
            case "CLOSE" -> {
                Shift shift = shifts.get(e.id());
                if (shift != null) {
                    shift.closing = e.closing();
                }
                if (e.id().equals(openShift)) {
                    openShift = null;
                }
                lastClosed = e.id();
                unsent.put("CLOSE:" + e.id(), new Unsent("CLOSE:" + e.id(), null, null, null, e.closing()));
            }
            case "SENT" -> e.keys().forEach(unsent::remove);
            default -> throw new IllegalStateException("unknown till journal record " + e.t());
        }
    }
}
