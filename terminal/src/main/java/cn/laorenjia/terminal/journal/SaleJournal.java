package cn.laorenjia.terminal.journal;

import cn.laorenjia.contract.json.ContractJson;
import cn.laorenjia.contract.meal.AuthoriseMealRequest;
import cn.laorenjia.contract.meal.IdentificationRequest;
import cn.laorenjia.contract.meal.MealAuthorisation;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.terminal.app.OwnerOnlyFiles;
import cn.laorenjia.core.calendar.ChinaCalendar;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * The counter's crash-safe record of every sale, written and forced to disk before the receipt prints and before
 * the sale is sent: a sale the cashier confirmed is on disk, whatever happens next, until the central has answered
 * it. Append-only: one line per record, {@code <crc32> <json>}; a torn last line (power cut mid-write) fails its
 * checksum and is cut off when the journal is opened, which loses nothing that was acknowledged (a record counts
 * only once {@link FileChannel#force} returned).
 *
 * <p>Records: SALE (id, body as sent to the central: the contract's {@link AuthoriseMealRequest}, mode ONLINE or OFFLINE, granted: whether the senior got the
 * subsidy; for a sale decided offline also the counter's own answer, which names the senior masked), OFFLINE (a sale
 * sent live whose answer never came, now decided offline, with the counter's answer), DONE (the central's final
 * answer), VOID (the central voided a sale: who, why, the refund; see {@link Voided}). A sale is pending from its SALE
 * until its DONE. The sales of the current meal day are kept in memory as {@link JournalledSale}s: the counter's
 * list of sales to void from survives a restart. When the journal is opened with nothing pending and has
 * grown past the rotation size it is archived beside itself, so the history stays on the machine; never while it
 * holds subsidies granted offline today, which the counter's daily offline limit counts (a restart must not reset it).
 *
 * <p>Not thread-safe by itself: callers serialise through {@code synchronized} methods here.
 */
public final class SaleJournal implements AutoCloseable {

    public enum Mode { ONLINE, OFFLINE }

    /** A sale waiting for the central's answer, in the order it was made. */
    public record Pending(UUID saleId, Mode mode, boolean granted, AuthoriseMealRequest body, Instant journalledAt) {
    }

    /**
     * One cashier's sales at this counter on a meal day, as journalled here: {@code sales} the cashier confirmed and
     * neither refused nor voided since (recorded, or still waiting), {@code waiting} of them not yet answered by the
     * central. A void counts against the cashier who made the sale (it is that sale undone). {@code cashier} is null
     * for sales journalled before cashiers signed in.
     */
    public record CashierSales(String cashier, long sales, long waiting) {
    }

    /**
     * Final answers after which no meal is on record: the sale does not count for its cashier (a look-up not resent,
     * NOT_RESENT, may be on record and still counts).
     */
    private static final Set<String> NOT_SOLD = Set.of("REFUSED_LIVE", "REFUSED", "NOT_RECORDED");

    /**
     * The central's final answer to a sale: its status, and the answer as the central gave it (a contract record,
     * or the refusal's code and message), kept for the history.
     */
    public record Done(UUID saleId, String status, Object answer) {
    }

    /**
     * A void the central recorded for a sale of this counter, as journalled here.
     *
     * @param voidId  the void's own id (its idempotency key at the central)
     * @param reason  why, as the cashier gave it
     * @param cashier the number of the cashier who voided it
     * @param refund  what was given back to the senior
     * @param at      when it was voided
     */
    public record Voided(UUID voidId, String reason, String cashier, Money refund, Instant at) {
    }

    /**
     * A sale of this counter on the current meal day, as the journal knows it.
     *
     * @param at        when it was made (the sale's occurredAt)
     * @param cashier   the number of the cashier who made it, or null
     * @param mealSetCode the set sold
     * @param mode      ONLINE, or OFFLINE when decided from the cached copy
     * @param granted   whether the senior got the subsidy
     * @param pending   whether the central has not answered it yet
     * @param status    the central's final status (e.g. SUBSIDISED, OFFLINE_CONFLICT), or null while pending
     * @param shown     the answer the counter showed (the central's, or its own offline one), or null if none came yet
     * @param voided    the void, or null
     */
    public record JournalledSale(UUID saleId, Instant at, String cashier, String mealSetCode, Mode mode, boolean granted,
                                 boolean pending, String status, MealAuthorisation shown, Voided voided) {

        JournalledSale with(Mode mode, boolean granted, boolean pending, String status, MealAuthorisation shown,
                            Voided voided) {
            return new JournalledSale(saleId, at, cashier, mealSetCode, mode, granted, pending, status, shown, voided);
        }
    }

    /**
     * One line of the journal: a sale journalled ({@code SALE}: mode, granted, at, body), a live sale gone offline
     * ({@code OFFLINE}: granted), or the central's final answer ({@code DONE}: status, answer). Absent fields are left
     * out, so the lines read and write as they always have.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(String t, UUID id, Mode mode, Boolean granted, Instant at, AuthoriseMealRequest body, String status,
                 JsonNode answer) {

        static Entry sale(UUID id, Mode mode, boolean granted, Instant at, AuthoriseMealRequest body, JsonNode shown) {
            return new Entry("SALE", id, mode, granted, at, body, null, shown);
        }

        static Entry offline(UUID id, boolean granted, JsonNode shown) {
            return new Entry("OFFLINE", id, null, granted, null, null, null, shown);
        }

        static Entry voided(UUID saleId, Instant at, JsonNode voided) {
            return new Entry("VOID", saleId, null, null, at, null, "VOIDED", voided);
        }

        static Entry done(UUID id, String status, JsonNode answer) {
            return new Entry("DONE", id, null, null, null, null, status, answer);
        }

        /**
         * The line as it goes to disk: a lookup by ID number keeps only the masked number there (the full one stays
         * in memory for the sale's resend while the terminal runs; see {@link #withoutFullIdNumber}).
         */
        Entry forDisk() {
            if (body == null || body.identification() == null || body.identification().idNumber() == null) {
                return this;
            }
            IdentificationRequest who = body.identification();
            IdentificationRequest masked = new IdentificationRequest(who.method(), who.cardKind(), who.identifier(),
                    maskedIdNumber(who.idNumber()), who.reason(), who.token());
            return new Entry(t, id, mode, granted, at, new AuthoriseMealRequest(body.saleId(), body.occurredAt(),
                    masked, body.mealSetCode(), body.price(), body.cashier()), status, answer);
        }
    }

    /** An ID number as the journal keeps it: masked ({@code 120224********1223}), never in full. */
    static String maskedIdNumber(String idNumber) {
        if (idNumber.contains("*")) {
            return idNumber;
        }
        try {
            return IdNumber.parse(idNumber).masked();
        } catch (RuntimeException notAnIdNumber) {
            return "*".repeat(idNumber.length());
        }
    }

    /**
     * Whether a pending sale read back from disk was a lookup by ID number: its full number was never written, so it
     * cannot be resent as it was made (the central would not recognise its body).
     */
    public static boolean withoutFullIdNumber(Pending p) {
        IdentificationRequest who = p.body() == null ? null : p.body().identification();
        return who != null && who.idNumber() != null && who.idNumber().contains("*");
    }

    static final String FILE = "sales.journal";
    private static final long ROTATE_BYTES = 32L * 1024 * 1024;

    private final Path file;
    private final ObjectMapper json;
    private final Clock clock;
    private final FileChannel channel;
    private final Map<UUID, Pending> pending = new LinkedHashMap<>();
    private long sales;
    private long done;
    /** Sales granted the subsidy offline, by meal day (Beijing), pending or answered. */
    private final Map<LocalDate, Integer> grantedOffline = new HashMap<>();
    /** Sales not refused nor voided, by meal day and cashier number ("" for none), pending or answered. */
    private final Map<LocalDate, Map<String, Long>> soldBy = new HashMap<>();
    /** The sales of {@link #day} and later, in the order made; earlier days are not kept in memory. */
    private final Map<UUID, JournalledSale> recent = new LinkedHashMap<>();
    /** The first meal day whose sales {@link #recent} keeps. */
    private LocalDate day;

    private SaleJournal(Path file, ObjectMapper json, Clock clock, FileChannel channel) {
        this.file = file;
        this.json = json;
        this.clock = clock;
        this.channel = channel;
        this.day = ChinaCalendar.mealDate(clock.instant());
    }

    /**
     * Opens (or creates) the journal in {@code directory}, recovering what a crash left; records are stamped, and the
     * day that keeps a journal from rotating is read, from {@code clock}.
     */
    public static SaleJournal open(Path directory, Clock clock) {
        ObjectMapper json = ContractJson.mapper();
        try {
            // owner-only: the journal names seniors and what they ate
            OwnerOnlyFiles.directory(directory);
            Path file = directory.resolve(FILE);
            OwnerOnlyFiles.restrict(file);
            List<Entry> records = new ArrayList<>();
            long good = readValid(file, json, records);
            if (Files.exists(file) && Files.size(file) > good) {
                // a torn tail: cut it off so the next append starts on a clean line
                try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    c.truncate(good);
                    c.force(true);
                }
            }
            SaleJournal journal = new SaleJournal(file, json, clock, null);
            for (Entry record : records) {
                journal.apply(record);
            }
            Instant now = clock.instant();
            LocalDate today = ChinaCalendar.mealDate(now);
            if (journal.pending.isEmpty() && good > ROTATE_BYTES && !journal.grantedOffline.containsKey(today)) {
                String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(now);
                Files.move(file, directory.resolve("sales-" + stamp + ".journal"), StandardCopyOption.ATOMIC_MOVE);
                SaleJournal archived = journal;
                journal = new SaleJournal(file, json, clock, null);
                journal.recent.putAll(archived.recent); // today's sales stay in the list to void from
            }
            FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND), OwnerOnlyFiles.fileAttributes());
            SaleJournal opened = new SaleJournal(file, json, clock, channel);
            opened.pending.putAll(journal.pending);
            opened.sales = journal.sales;
            opened.done = journal.done;
            opened.grantedOffline.putAll(journal.grantedOffline);
            opened.soldBy.putAll(journal.soldBy);
            opened.recent.putAll(journal.recent);
            return opened;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the sale journal in " + directory, e);
        }
    }

    /** Journals a sale before it is sent or its receipt printed; returns once it is on disk. */
    public synchronized void sale(UUID saleId, Mode mode, boolean granted, AuthoriseMealRequest body) {
        sale(saleId, mode, granted, body, null);
    }

    /**
     * Journals a sale decided here, with the answer the counter showed for it ({@code shown}: the senior masked, the
     * set, the amount paid), so the list of sales to void names it after a restart too.
     */
    public synchronized void sale(UUID saleId, Mode mode, boolean granted, AuthoriseMealRequest body,
                                  MealAuthorisation shown) {
        if (pending.containsKey(saleId)) {
            return; // a retry of a journalled sale: it is already on disk
        }
        Entry r = Entry.sale(saleId, mode, granted, clock.instant(), body, shown == null ? null : json.valueToTree(shown));
        write(List.of(r));
        apply(r);
    }

    /** A live sale whose answer never came is now an offline sale, decided from the cached copy. */
    public synchronized void wentOffline(UUID saleId, boolean granted) {
        wentOffline(saleId, granted, null);
    }

    /** The same, with the counter's own answer shown for it. */
    public synchronized void wentOffline(UUID saleId, boolean granted, MealAuthorisation shown) {
        if (!pending.containsKey(saleId)) {
            throw new IllegalStateException("sale " + saleId + " is not pending");
        }
        Entry r = Entry.offline(saleId, granted, shown == null ? null : json.valueToTree(shown));
        write(List.of(r));
        apply(r);
    }

    /**
     * Records that the central voided a sale of this counter (after its answer came); returns once it is on disk. A
     * second record for a sale already voided is not written.
     */
    public synchronized void voided(UUID saleId, Voided voided) {
        JournalledSale sale = recent.get(saleId);
        if (sale != null && sale.voided() != null) {
            return;
        }
        Entry r = Entry.voided(saleId, voided.at(), json.valueToTree(voided));
        write(List.of(r));
        apply(r);
    }

    /**
     * This counter's sales on a meal day (the current one: earlier days are not kept in memory), newest first,
     * refused ones left out, voided ones with their void.
     */
    public synchronized List<JournalledSale> salesOn(LocalDate mealDay) {
        List<JournalledSale> list = new ArrayList<>();
        for (JournalledSale s : recent.values()) {
            if (ChinaCalendar.mealDate(s.at()).equals(mealDay)) {
                list.add(0, s);
            }
        }
        return list;
    }

    /** A sale of the current meal day, if this counter journalled it (and it was not refused). */
    public synchronized java.util.Optional<JournalledSale> journalled(UUID saleId) {
        return java.util.Optional.ofNullable(recent.get(saleId));
    }

    /** Records the central's final answers; the sales leave the queue. One disk write for all of them. */
    public synchronized void done(Collection<Done> answers) {
        List<Entry> records = new ArrayList<>();
        for (Done d : answers) {
            if (!pending.containsKey(d.saleId())) {
                continue;
            }
            records.add(Entry.done(d.saleId(), d.status(), d.answer() == null ? null : json.valueToTree(d.answer())));
        }
        if (records.isEmpty()) {
            return;
        }
        write(records);
        records.forEach(this::apply);
    }

    /** Up to {@code max} pending sales of the given mode, oldest first. */
    public synchronized List<Pending> pending(Mode mode, int max) {
        List<Pending> list = new ArrayList<>();
        for (Pending p : pending.values()) {
            if (p.mode() == mode) {
                list.add(p);
                if (list.size() == max) {
                    break;
                }
            }
        }
        return list;
    }

    public synchronized boolean isPending(UUID saleId) {
        return pending.containsKey(saleId);
    }

    public synchronized int pendingCount() {
        return pending.size();
    }

    public synchronized int pendingCount(Mode mode) {
        return (int) pending.values().stream().filter(p -> p.mode() == mode).count();
    }

    /** Sales journalled and sales answered since the journal file was started. */
    public synchronized long salesJournalled() {
        return sales;
    }

    public synchronized long salesDone() {
        return done;
    }

    /** Sales this counter granted the subsidy offline for a meal day, synced or not. */
    public synchronized int grantedOfflineOn(LocalDate day) {
        return grantedOffline.getOrDefault(day, 0);
    }

    /**
     * Sales per cashier on a meal day, by cashier number (sales without a cashier last), from the journal file as
     * it is since it was started (an archived journal is not read).
     */
    public synchronized List<CashierSales> salesByCashierOn(LocalDate day) {
        Map<String, Long> waiting = new HashMap<>();
        for (Pending p : pending.values()) {
            if (mealDayOf(p).equals(day)) {
                waiting.merge(cashierOf(p), 1L, Long::sum);
            }
        }
        List<CashierSales> list = new ArrayList<>();
        soldBy.getOrDefault(day, Map.of()).forEach((cashier, sales) -> {
            if (sales > 0) {
                list.add(new CashierSales(cashier.isEmpty() ? null : cashier, sales, waiting.getOrDefault(cashier, 0L)));
            }
        });
        list.sort(java.util.Comparator.comparing(CashierSales::cashier,
                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
        return list;
    }

    private static String cashierOf(Pending p) {
        return p.body() == null || p.body().cashier() == null ? "" : p.body().cashier();
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void apply(Entry r) {
        UUID id = r.id();
        switch (r.t()) {
            case "SALE" -> {
                if (!pending.containsKey(id)) {
                    sales++;
                    Pending p = new Pending(id, r.mode(), Boolean.TRUE.equals(r.granted()), r.body(), r.at());
                    pending.put(id, p);
                    soldBy.computeIfAbsent(mealDayOf(p), d -> new HashMap<>()).merge(cashierOf(p), 1L, Long::sum);
                    if (p.mode() == Mode.OFFLINE && p.granted()) {
                        grantedOffline.merge(mealDayOf(p), 1, Integer::sum);
                    }
                    if (!mealDayOf(p).isBefore(day)) {
                        Instant madeAt = p.body().occurredAt() == null ? p.journalledAt() : p.body().occurredAt().toInstant();
                        recent.put(id, new JournalledSale(id, madeAt, p.body().cashier(), p.body().mealSetCode(),
                                p.mode(), p.granted(), true, null, shownIn(r.answer()), null));
                    }
                }
            }
            case "OFFLINE" -> {
                Pending p = pending.get(id);
                if (p != null) {
                    boolean granted = Boolean.TRUE.equals(r.granted());
                    pending.put(id, new Pending(id, Mode.OFFLINE, granted, p.body(), p.journalledAt()));
                    if (granted && !(p.mode() == Mode.OFFLINE && p.granted())) {
                        grantedOffline.merge(mealDayOf(p), 1, Integer::sum);
                    }
                    recent.computeIfPresent(id, (k, s) -> s.with(Mode.OFFLINE, granted, true, null,
                            firstOf(shownIn(r.answer()), s.shown()), null));
                }
            }
            case "DONE" -> {
                Pending p = pending.remove(id);
                if (p != null) {
                    done++;
                    if (NOT_SOLD.contains(r.status())) {
                        soldBy.computeIfAbsent(mealDayOf(p), d -> new HashMap<>()).merge(cashierOf(p), -1L, Long::sum);
                        recent.remove(id);
                    } else {
                        recent.computeIfPresent(id, (k, s) -> s.with(s.mode(), s.granted(), false, r.status(),
                                firstOf(shownIn(r.answer()), s.shown()), null));
                    }
                }
            }
            case "VOID" -> {
                JournalledSale s = recent.get(id);
                if (s != null && s.voided() == null) {
                    Voided v = json.convertValue(r.answer(), Voided.class);
                    recent.put(id, s.with(s.mode(), s.granted(), s.pending(), s.status(), s.shown(), v));
                    soldBy.computeIfAbsent(ChinaCalendar.mealDate(s.at()), d -> new HashMap<>())
                            .merge(s.cashier() == null ? "" : s.cashier(), -1L, Long::sum);
                }
            }
            default -> throw new IllegalStateException("unknown journal record " + r.t());
        }
    }

    /**
     * The sale as shown, from an answer: the central's (or the counter's own) authorisation, or the authorisation inside
     * an offline sync's result; null for a refusal or none.
     */
    private MealAuthorisation shownIn(JsonNode answer) {
        if (answer == null || answer.isNull()) {
            return null;
        }
        JsonNode node = answer.has("authorisation") ? answer.get("authorisation") : answer;
        if (node == null || !node.hasNonNull("senior") || !node.hasNonNull("mealSet")) {
            return null;
        }
        try {
            return json.treeToValue(node, MealAuthorisation.class);
        } catch (IOException | IllegalArgumentException e) {
            return null; // an answer of another shape: the list shows the sale without the senior's name
        }
    }

    private static MealAuthorisation firstOf(MealAuthorisation a, MealAuthorisation b) {
        return a != null ? a : b;
    }

    private static LocalDate mealDayOf(Pending p) {
        if (p.body().occurredAt() == null) {
            return ChinaCalendar.mealDate(p.journalledAt()); // the counter writes occurredAt; never fail opening
        }
        return ChinaCalendar.mealDate(p.body().occurredAt().toInstant());
    }

    private void write(List<Entry> records) {
        StringBuilder lines = new StringBuilder();
        for (Entry r : records) {
            String text;
            try {
                text = json.writeValueAsString(r.forDisk());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            lines.append(String.format("%08x", crc(text))).append(' ').append(text).append('\n');
        }
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(lines.toString());
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sale journal " + file, e);
        }
    }

    /** Reads the valid prefix of the journal into {@code records}; returns its length in bytes. */
    private static long readValid(Path file, ObjectMapper json, List<Entry> records) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long good = 0;
        long last = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                long length = line.getBytes(StandardCharsets.UTF_8).length + 1L;
                if (line.length() < 10 || line.charAt(8) != ' ') {
                    break;
                }
                String text = line.substring(9);
                long expected;
                try {
                    expected = Long.parseLong(line.substring(0, 8), 16);
                } catch (NumberFormatException e) {
                    break;
                }
                if (crc(text) != expected) {
                    break;
                }
                records.add(json.readValue(text, Entry.class));
                good += length;
                last = length;
            }
        }
        if (good > Files.size(file)) {
            // the last line lacks its newline: written in one piece with it, so it was never acknowledged
            records.remove(records.size() - 1);
            good -= last;
        }
        return good;
    }

    private static long crc(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
