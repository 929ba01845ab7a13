package cn.laorenjia.terminal.offline;

import cn.laorenjia.contract.counter.CounterMenu;
import cn.laorenjia.contract.json.ContractJson;
import cn.laorenjia.contract.meal.AuthoriseMealRequest;
import cn.laorenjia.contract.offline.OfflineSaleRequest;
import cn.laorenjia.contract.offline.OfflineSaleResult;
import cn.laorenjia.contract.offline.OfflineSnapshot;
import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.terminal.journal.SaleJournal;
import cn.laorenjia.terminal.settlement.SettlementClient;
import cn.laorenjia.terminal.settlement.SettlementException;
import cn.laorenjia.terminal.till.TillJournal;
import cn.laorenjia.terminal.till.TillUpload;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the counter selling through a network outage: owns the sale journal and the offline copy, knows whether
 * the central is reachable, and syncs queued sales in the order they were made, exactly once: a sale leaves the
 * queue only when the central has given its final answer, and a resend carries the same sale id.
 *
 * <p>A scheduled job ({@value #SYNC_JOB}, every {@code laorenjia.terminal.offline.sync-interval}) sends queued sales
 * while there are any, and refreshes the cached copy every few minutes while the central is reachable and nothing
 * waits. Business time (sale days, journal stamps, the orphan age, the copy's age) comes from the injected clock.
 */
@ApplicationScoped
public class OfflineCounter {

    private static final Logger LOG = Logger.getLogger(OfflineCounter.class);
    private static final int NOTICES = 20;
    /** The scheduler's identity of the sync job. */
    public static final String SYNC_JOB = "offline-sync";

    /** What the cashier page shows about the connection and the queue. */
    public record Status(boolean online, Instant offlineSince, int waiting, long conflicts, long rejected,
                         String copyDate, int copySeniors, Instant lastSyncAt, List<Notice> notices) {
    }

    /** Fired after each successful refresh of the copy: what is kept with it (the cashier roster) refreshes too. */
    public record CopyRefreshed(Instant at) {
    }

    /** A synced sale the canteen should know about: a conflict or a rejection, in Chinese. */
    public record Notice(String saleId, String status, String code, String messageZh, Instant at) {
    }

    private final OfflineConfig config;
    private final SettlementClient settlement;
    private final Clock clock;
    /** {"sales":[…]} around the sales. */
    private static final int ENVELOPE_BYTES = 16;

    private final ObjectMapper json;
    private final SaleJournal journal;
    private final OfflineCopy copy;
    /** Set by the application (field injection keeps the constructor of the counters tests build); null there. */
    @Inject
    Event<CopyRefreshed> refreshed;
    /** The till's journal (shifts, every sale with its tender, voids), uploaded by the same sync job. */
    private final TillJournal till;
    private final TillUpload tillUpload;
    private final Deque<Notice> notices = new ArrayDeque<>();
    private final AtomicLong conflicts = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile Instant offlineSince;
    /** {@link System#nanoTime()} of the last call that got no answer. */
    private volatile Long lastFailure;
    private volatile Instant lastSyncAt;
    /** When the central last answered anything (a sale, a sync, a probe), since this start; null before. */
    private volatile Instant lastAnswerAt;
    private volatile Instant lastRefresh = Instant.EPOCH;
    private volatile Runnable onChange = () -> { };
    /** Whether the sync job's rounds run: from start() to stop(). */
    private volatile boolean syncing;
    /** Held by a sync round; stop() takes it so that the journal is never closed under a round. */
    private final Object round = new Object();

    public OfflineCounter(OfflineConfig config, SettlementClient settlement, Clock clock) {
        this.config = config;
        this.settlement = settlement;
        this.clock = clock;
        this.json = ContractJson.mapper();
        this.journal = SaleJournal.open(config.dataDir().resolve("journal"), clock);
        this.till = TillJournal.open(config.dataDir().resolve("till"));
        this.tillUpload = new TillUpload(till, settlement);
        // the copy's card key is sealed on disk under this terminal's secret, which comes from its configuration
        this.copy = new OfflineCopy(config, journal::grantedOfflineOn, clock, settlement::terminalSecret);
        // sales granted offline and not yet synced count against the seniors' quota in the copy after a restart
        // (the daily offline limit reads the journal itself)
        for (SaleJournal.Pending p : journal.pending(SaleJournal.Mode.OFFLINE, Integer.MAX_VALUE)) {
            if (p.granted()) {
                copy.counted(copy.seniorOf(p.body().identification()), dayOf(p.body()));
            }
        }
        // a lookup by ID number left unanswered before a restart: the journal kept only its masked number, so it
        // cannot be resent as made; the central has it if it was recorded (the cashier checks by its sale id)
        List<SaleJournal.Done> unsendable = new ArrayList<>();
        for (SaleJournal.Pending p : journal.pending(SaleJournal.Mode.ONLINE, Integer.MAX_VALUE)) {
            if (SaleJournal.withoutFullIdNumber(p)) {
                unsendable.add(new SaleJournal.Done(p.saleId(), "NOT_RESENT", Map.of("code", "MANUAL_LOOKUP_NOT_RESENT",
                        "message", "按身份证号查询的交易在终端重启前未得到结算中心答复，本机不保存完整身份证号，无法重发："
                                + "请在结算中心按交易号核对")));
            }
        }
        if (!unsendable.isEmpty()) {
            journal.done(unsendable);
            unsendable.forEach(d -> notice(d.saleId(), "NOT_RESENT", "MANUAL_LOOKUP_NOT_RESENT",
                    "按身份证号查询的交易在终端重启前未得到结算中心答复，无法重发：请在结算中心按交易号 " + d.saleId() + " 核对"));
        }
        if (journal.pendingCount() > 0) {
            LOG.infof("%d sales in the journal wait for the central's answer", journal.pendingCount());
        }
    }

    void start(@Observes StartupEvent event) {
        start();
    }

    void stop(@Observes ShutdownEvent event) {
        stop();
    }

    /**
     * Lets the sync job's rounds run (done at application start). A counter built outside the application has no job:
     * its test schedules {@link #syncRound()} itself.
     */
    public void start() {
        syncing = true;
    }

    /** Stops the rounds, waits for one under way, and closes the journal. */
    public void stop() {
        syncing = false;
        synchronized (round) {
            journal.close();
            till.close();
        }
    }

    public SaleJournal journal() {
        return journal;
    }

    /** The till's journal: shifts, every sale with its tender and change, voids. */
    public TillJournal till() {
        return till;
    }

    public OfflineCopy copy() {
        return copy;
    }

    /** Called with every change of the status, to push it to the pages. */
    public void onChange(Runnable listener) {
        this.onChange = listener;
    }

    /**
     * Whether to call the central now, or go straight to offline decisions after a recent failure (for
     * offline-backoff). A gate on a timestamp, not SmallRye's circuit breaker: a breaker holds back every call it
     * guards, and the resend of a live sale whose answer was lost must always go out at once (SaleRetryTest); only
     * previews, menus, syncs and refreshes wait here.
     */
    public boolean tryCentral() {
        Long failed = lastFailure;
        // elapsed time, not business time: the system clock's ticks, whatever day the counter's clock says
        return offlineSince == null || failed == null
                || System.nanoTime() - failed >= config.offlineBackoff().toNanos();
    }

    /** When the central last answered (the probe or any call); null before the first answer of this run. */
    public Instant lastAnswerAt() {
        return lastAnswerAt;
    }

    /** When the central stopped answering, null while it answers. */
    public Instant offlineSince() {
        return offlineSince;
    }

    public boolean online() {
        return offlineSince == null;
    }

    /** A call to the central got an answer (any HTTP answer: the service is there). */
    public void reachable() {
        lastAnswerAt = clock.instant();
        if (offlineSince != null) {
            offlineSince = null;
            LOG.info("the central service is reachable again");
            onChange.run();
        }
    }

    /** A call to the central got no answer. */
    public void unreachable() {
        lastFailure = System.nanoTime();
        if (offlineSince == null) {
            offlineSince = clock.instant();
            LOG.warn("the central service is unreachable: selling offline");
            onChange.run();
        }
    }

    public Status status() {
        List<Notice> recent;
        synchronized (notices) {
            recent = List.copyOf(notices);
        }
        return new Status(online(), offlineSince, journal.pendingCount(), conflicts.get(), rejected.get(),
                copy.snapshotTime().map(t -> ChinaCalendar.mealDate(t).toString()).orElse(null), copy.seniors(),
                lastSyncAt, recent);
    }

    /**
     * Sends queued sales until none is left or the central stops answering; returns how many were answered.
     * Offline sales go first in the order they were made; live sales left unanswered (an orphan) join them.
     */
    public int syncNow() {
        int answered = 0;
        while (true) {
            List<SaleJournal.Pending> batch = nextBatch();
            if (batch.isEmpty()) {
                return answered;
            }
            List<OfflineSaleRequest> sales = batch.stream().map(OfflineCounter::withGranted).toList();
            List<OfflineSaleResult> results;
            try {
                results = settlement.syncOffline(sales);
                reachable();
            } catch (SettlementException e) {
                if (SettlementException.UNREACHABLE.equals(e.code()) || e.status() >= 500 || e.status() == 401) {
                    if (SettlementException.UNREACHABLE.equals(e.code())) {
                        unreachable();
                    }
                    return answered; // kept: tried again at the next round
                }
                reachable();
                if (batch.size() > 1) {
                    // one malformed sale refuses the whole request: send them one by one to find it
                    answered += syncOneByOne(batch);
                    continue;
                }
                // a single sale the central refuses outright: final, reported, not resent forever
                finish(List.of(new SaleJournal.Done(batch.get(0).saleId(), "REFUSED", errorOf(e))));
                notice(batch.get(0).saleId(), "REFUSED", e.code(), e.messageZh());
                answered++;
                continue;
            }
            List<SaleJournal.Done> done = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                OfflineSaleResult result = results.get(i);
                done.add(new SaleJournal.Done(result.saleId(), result.status(), result));
                noticeIfNeeded(batch.get(i), result);
            }
            finish(done);
            answered += done.size();
        }
    }

    private int syncOneByOne(List<SaleJournal.Pending> batch) {
        // the loop in syncNow sends single-sale batches next: mark this batch's first one by sending it alone
        List<OfflineSaleRequest> one = List.of(withGranted(batch.get(0)));
        try {
            OfflineSaleResult result = settlement.syncOffline(one).get(0);
            finish(List.of(new SaleJournal.Done(batch.get(0).saleId(), result.status(), result)));
            noticeIfNeeded(batch.get(0), result);
        } catch (SettlementException e) {
            if (SettlementException.UNREACHABLE.equals(e.code()) || e.status() >= 500 || e.status() == 401) {
                return 0;
            }
            finish(List.of(new SaleJournal.Done(batch.get(0).saleId(), "REFUSED", errorOf(e))));
            notice(batch.get(0).saleId(), "REFUSED", e.code(), e.messageZh());
        }
        return 1;
    }

    /** Conflicts and rejections, and a live sale found recorded although the senior was charged the full price. */
    private void noticeIfNeeded(SaleJournal.Pending sale, OfflineSaleResult result) {
        String status = result.status();
        if ("SUBSIDISED".equals(status) && !sale.granted()) {
            notice(sale.saleId(), "REFUND_DUE", "RECORDED_WHILE_CHARGED_IN_FULL",
                    "断网前这笔交易已在结算中心按补贴记账，但离线时按原价收费：请退还老人 "
                            + (result.authorisation() == null ? "" : result.authorisation().discountYuan()) + " 元");
        } else if (!"SUBSIDISED".equals(status) && !OfflineSaleResult.NOT_RECORDED.equals(status)) {
            notice(sale.saleId(), status, result.code(), Objects.toString(result.messageZh(), ""));
        }
    }

    private static OfflineSaleRequest withGranted(SaleJournal.Pending p) {
        return OfflineSaleRequest.of(p.body(), p.granted());
    }

    // package-private for its test
    List<SaleJournal.Pending> nextBatch() {
        List<SaleJournal.Pending> candidates = new ArrayList<>(journal.pending(SaleJournal.Mode.OFFLINE, config.syncBatchSize()));
        if (candidates.size() < config.syncBatchSize()) {
            Instant orphan = clock.instant().minus(config.orphanAfter());
            for (SaleJournal.Pending p : journal.pending(SaleJournal.Mode.ONLINE, config.syncBatchSize() - candidates.size())) {
                if (p.journalledAt().isBefore(orphan)) {
                    candidates.add(p);
                }
            }
        }
        // cut at the byte bound, keeping the order; a batch always holds at least one sale
        List<SaleJournal.Pending> batch = new ArrayList<>(candidates.size());
        long bytes = ENVELOPE_BYTES;
        for (SaleJournal.Pending p : candidates) {
            bytes += bytesOf(withGranted(p)) + 1;
            if (!batch.isEmpty() && bytes > config.syncMaxBytes()) {
                break;
            }
            batch.add(p);
        }
        return batch;
    }

    private int bytesOf(OfflineSaleRequest sale) {
        try {
            return json.writeValueAsBytes(sale).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a journalled sale cannot be written as JSON", e);
        }
    }

    private void finish(List<SaleJournal.Done> done) {
        journal.done(done);
        lastSyncAt = clock.instant();
        onChange.run();
    }

    private void notice(UUID saleId, String status, String code, String messageZh) {
        if ("OFFLINE_CONFLICT".equals(status)) {
            conflicts.incrementAndGet();
        } else if (!"REFUND_DUE".equals(status)) {
            rejected.incrementAndGet();
        }
        synchronized (notices) {
            notices.addFirst(new Notice(saleId.toString(), status, code, messageZh, clock.instant()));
            while (notices.size() > NOTICES) {
                notices.removeLast();
            }
        }
    }

    private static Map<String, Object> errorOf(SettlementException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code());
        error.put("message", e.messageZh());
        error.put("httpStatus", e.status());
        return error;
    }

    /** Fetches the menu and the snapshot; only with nothing waiting, so everything sold here is known centrally. */
    public boolean refreshCopy() {
        if (journal.pendingCount() > 0) {
            return false;
        }
        try {
            CounterMenu menu = settlement.menu();
            Optional<Long> held = copy.version();
            Optional<OfflineSnapshot> fresh = settlement.offlineSnapshot(held.orElse(null));
            reachable();
            if (fresh.isEmpty()) {
                // 304: the copy held is the current version; the menu may still have changed
                copy.snapshot().ifPresent(current -> copy.replace(menu, current));
            } else if (!copy.replace(menu, fresh.get())) {
                // a delta from a version this counter no longer holds: the whole copy
                copy.replace(menu, settlement.offlineSnapshot(null).orElseThrow(() -> SettlementException.badAnswer(304)));
            }
            lastRefresh = clock.instant();
            onChange.run();
            if (refreshed != null) {
                refreshed.fire(new CopyRefreshed(lastRefresh));
            }
            return true;
        } catch (SettlementException e) {
            if (SettlementException.UNREACHABLE.equals(e.code())) {
                unreachable();
            } else {
                LOG.warnf("cannot refresh the offline copy: %s %s", e.code(), e.messageZh());
            }
            return false;
        }
    }

    /** The sync job: a round every sync-interval, skipped while the previous one still runs (a long resync). */
    @Scheduled(identity = SYNC_JOB, every = "${laorenjia.terminal.offline.sync-interval:PT2S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSync() {
        syncRound();
    }

    /**
     * One round of the sync job: queued sales sent while the central answers, then the copy refreshed when it is due
     * and nothing waits. Does nothing before {@link #start()} or after {@link #stop()}.
     */
    public void syncRound() {
        synchronized (round) {
            if (!syncing) {
                return;
            }
            try {
                if (journal.pendingCount() > 0 && tryCentral()) {
                    syncNow();
                }
                // the till's records after the ledger's: a subsidised till sale follows its ledger entry
                if (journal.pendingCount() == 0 && till.unsentCount() > 0 && tryCentral()) {
                    uploadTill();
                }
                if (journal.pendingCount() == 0 && tryCentral()
                        && Duration.between(lastRefresh, clock.instant()).compareTo(config.refreshInterval()) >= 0) {
                    refreshCopy();
                }
            } catch (RuntimeException e) {
                LOG.error("offline sync failed; trying again at the next round", e);
            }
        }
    }

    /** Sends the till's waiting records; returns how many the central answered finally. */
    public int uploadTill() {
        try {
            int answered = tillUpload.uploadNow();
            if (answered > 0) {
                reachable();
            }
            return answered;
        } catch (SettlementException e) {
            if (SettlementException.UNREACHABLE.equals(e.code())) {
                unreachable();
            } else {
                LOG.debugf("till records not accepted yet: %s %s", e.code(), e.messageZh());
            }
            return 0;
        }
    }

    static LocalDate dayOf(AuthoriseMealRequest body) {
        return ChinaCalendar.mealDate(body.occurredAt().toInstant());
    }
}
