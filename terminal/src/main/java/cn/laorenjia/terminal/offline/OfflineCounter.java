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
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

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
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the counter selling through a network outage: owns the sale journal and the offline copy, knows whether
 * the central is reachable, and syncs queued sales in the order they were made, exactly once: a sale leaves the
 * queue only when the central has given its final answer, and a resend carries the same sale id.
 *
 * <p>One background thread ("offline-sync") sends queued sales every few seconds while there are any, and
 * refreshes the cached copy every few minutes while the central is reachable and nothing waits.
 */
@ApplicationScoped
public class OfflineCounter {

    private static final Logger LOG = Logger.getLogger(OfflineCounter.class);
    private static final int NOTICES = 20;

    /** What the cashier page shows about the connection and the queue. */
    public record Status(boolean online, Instant offlineSince, int waiting, long conflicts, long rejected,
                         String copyDate, int copySeniors, Instant lastSyncAt, List<Notice> notices) {
    }

    /** A synced sale the canteen should know about: a conflict or a rejection, in Chinese. */
    public record Notice(String saleId, String status, String code, String messageZh, Instant at) {
    }

    private final OfflineConfig config;
    private final SettlementClient settlement;
    /** {"sales":[…]} around the sales. */
    private static final int ENVELOPE_BYTES = 16;

    private final ObjectMapper json;
    private final SaleJournal journal;
    private final OfflineCopy copy;
    private final Deque<Notice> notices = new ArrayDeque<>();
    private final AtomicLong conflicts = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile Instant offlineSince;
    private volatile Instant lastFailure;
    private volatile Instant lastSyncAt;
    private volatile Instant lastRefresh = Instant.EPOCH;
    private volatile Runnable onChange = () -> { };
    private volatile Thread worker;

    public OfflineCounter(OfflineConfig config, SettlementClient settlement) {
        this.config = config;
        this.settlement = settlement;
        this.json = ContractJson.mapper();
        this.journal = SaleJournal.open(config.dataDir().resolve("journal"));
        this.copy = new OfflineCopy(config, journal::grantedOfflineOn);
        // sales granted offline and not yet synced count against the seniors' quota in the copy after a restart
        // (the daily offline limit reads the journal itself)
        for (SaleJournal.Pending p : journal.pending(SaleJournal.Mode.OFFLINE, Integer.MAX_VALUE)) {
            if (p.granted()) {
                copy.counted(copy.seniorOf(p.body().identification()), dayOf(p.body()));
            }
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

    /** Starts the sync thread (done at application start; tests outside Quarkus call it themselves). */
    public synchronized void start() {
        if (worker != null) {
            return;
        }
        worker = new Thread(this::run, "offline-sync");
        worker.setDaemon(true);
        worker.start();
    }

    public synchronized void stop() {
        Thread t = worker;
        worker = null;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        journal.close();
    }

    public SaleJournal journal() {
        return journal;
    }

    public OfflineCopy copy() {
        return copy;
    }

    /** Called with every change of the status, to push it to the pages. */
    public void onChange(Runnable listener) {
        this.onChange = listener;
    }

    /** Whether to call the central now, or go straight to offline decisions after a recent failure. */
    public boolean tryCentral() {
        Instant failed = lastFailure;
        return offlineSince == null || failed == null
                || Duration.between(failed, Instant.now()).compareTo(config.offlineBackoff()) >= 0;
    }

    public boolean online() {
        return offlineSince == null;
    }

    /** A call to the central got an answer (any HTTP answer: the service is there). */
    public void reachable() {
        if (offlineSince != null) {
            offlineSince = null;
            LOG.info("the central service is reachable again");
            onChange.run();
        }
    }

    /** A call to the central got no answer. */
    public void unreachable() {
        lastFailure = Instant.now();
        if (offlineSince == null) {
            offlineSince = lastFailure;
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
                    "断网前这笔交易已在结算中心按补贴记账,但离线时按原价收费:请退还老人 "
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
            Instant orphan = Instant.now().minus(config.orphanAfter());
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
        lastSyncAt = Instant.now();
        onChange.run();
    }

    private void notice(UUID saleId, String status, String code, String messageZh) {
        if ("OFFLINE_CONFLICT".equals(status)) {
            conflicts.incrementAndGet();
        } else if (!"REFUND_DUE".equals(status)) {
            rejected.incrementAndGet();
        }
        synchronized (notices) {
            notices.addFirst(new Notice(saleId.toString(), status, code, messageZh, Instant.now()));
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
            OfflineSnapshot snapshot = settlement.offlineSnapshot();
            reachable();
            copy.replace(menu, snapshot);
            lastRefresh = Instant.now();
            onChange.run();
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

    private void run() {
        while (worker == Thread.currentThread()) {
            try {
                if (journal.pendingCount() > 0 && tryCentral()) {
                    syncNow();
                }
                if (journal.pendingCount() == 0 && tryCentral()
                        && Duration.between(lastRefresh, Instant.now()).compareTo(config.refreshInterval()) >= 0) {
                    refreshCopy();
                }
                Thread.sleep(config.syncInterval().toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("offline sync failed; trying again", e);
                try {
                    Thread.sleep(config.syncInterval().toMillis());
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    static LocalDate dayOf(AuthoriseMealRequest body) {
        return ChinaCalendar.mealDate(body.occurredAt().toInstant());
    }
}
