package cn.laorenjia.terminal.cashier;

import cn.laorenjia.contract.counter.CashierSignInRequest;
import cn.laorenjia.contract.counter.CashierView;
import cn.laorenjia.terminal.offline.OfflineConfig;
import cn.laorenjia.terminal.settlement.SettlementClient;
import cn.laorenjia.terminal.settlement.SettlementException;
import cn.laorenjia.terminal.offline.OfflineCounter;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Who sells at this counter now. A cashier signs in with number and PIN, checked by the central; while the central
 * cannot be reached, against the canteen's roster the central gave this counter ({@link OfflineCashiers}: sealed on
 * disk, refreshed with the offline copy, confirmed within {@link CashierConfig#offlineSignInFor()}), wrong PINs
 * throttled per number ({@link OfflineSignInThrottle}); shown on screen as 离线登录. Held in memory only: a restart
 * signs the cashier out. Signed out on request, or after {@link CashierConfig#idleTimeout()} without a sale, void or
 * look-up.
 */
@ApplicationScoped
public class CashierSession {

    private static final Logger LOG = Logger.getLogger(CashierSession.class);
    /** The hashes an earlier version kept of PINs signed in here: readable from the disk alone, so removed. */
    static final String LEGACY_FILE = "cashiers.properties";

    /** The cashier signed in now; {@code offline} when checked against the kept hash. */
    public record SignedIn(String number, String name, boolean offline, Instant since) {
    }

    /** A sign-in refused: the code and the Chinese message for the cashier; {@code status} for the local API. */
    public static class Refused extends RuntimeException {
        private final int status;
        private final String code;
        private final String messageZh;

        public Refused(int status, String code, String messageZh) {
            super(code, null, false, false);
            this.status = status;
            this.code = code;
            this.messageZh = messageZh;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }

        public String messageZh() {
            return messageZh;
        }
    }

    private final SettlementClient central;
    private final CashierConfig config;
    private final Clock clock;
    private final OfflineCashiers roster;
    private final OfflineSignInThrottle throttle;
    /** Told after every sign-in and sign-out (the sale flow, which pushes the state to the pages). */
    private final List<Consumer<Optional<SignedIn>>> listeners = new CopyOnWriteArrayList<>();

    private SignedIn current;
    private Instant lastActivity;

    public CashierSession(SettlementClient central, CashierConfig config, OfflineConfig offline, Clock clock) {
        this.central = central;
        this.config = config;
        this.clock = clock;
        this.roster = new OfflineCashiers(offline.dataDir().resolve(OfflineCashiers.FILE), central::terminalSecret);
        this.throttle = new OfflineSignInThrottle(clock, config.offlineLockAfter(), config.offlineLockFor());
        try {
            if (Files.deleteIfExists(offline.dataDir().resolve(LEGACY_FILE))) {
                LOG.info("removed the PIN hashes an earlier version kept in the clear: offline sign-in uses the sealed roster");
            }
        } catch (IOException e) {
            LOG.warnf("cannot remove %s: %s", LEGACY_FILE, e.toString());
        }
    }

    public SignedIn signIn(String number, String pin) {
        if (number == null || pin == null || !number.matches("[0-9]{1,8}") || !pin.matches("[0-9]{1,64}")) {
            throw new Refused(400, "CASHIER_SIGN_IN_INVALID", "请输入工号和密码（数字），然后按 Enter");
        }
        SignedIn cashier;
        try {
            CashierView view = central.signInCashier(new CashierSignInRequest(number, pin));
            cashier = new SignedIn(view.number(), view.name(), false, clock.instant());
            // a new cashier, or a PIN changed since the roster was fetched: fetch it now, not at the next refresh
            if (roster.verify(number, pin).isEmpty()) {
                refreshRoster();
            }
        } catch (SettlementException e) {
            if (!e.outcomeUnknown()) {
                if ("CASHIER_SIGN_IN_FAILED".equals(e.code()) && roster.verify(number, pin).isPresent()) {
                    refreshRoster(); // the central no longer takes this PIN (changed, or the cashier left)
                }
                throw new Refused(e.status() == 429 ? 429 : 403, e.code(), e.messageZh());
            }
            cashier = offline(number, pin);
        }
        synchronized (this) {
            current = cashier;
            lastActivity = clock.instant();
        }
        LOG.infof("cashier %s signed in%s", cashier.number(), cashier.offline() ? " offline" : "");
        Optional<SignedIn> now = Optional.of(cashier);
        listeners.forEach(l -> l.accept(now));
        return cashier;
    }

    private SignedIn offline(String number, String pin) {
        Optional<Duration> locked = throttle.lockedFor(number);
        if (locked.isPresent()) {
            throw lockedOut(locked.get());
        }
        Duration allowed = config.offlineSignInFor();
        Optional<Instant> fetched = roster.fetchedAt();
        if (fetched.isEmpty() || fetched.get().plus(allowed).isBefore(clock.instant())) {
            throw new Refused(403, "CASHIER_OFFLINE_ROSTER_MISSING", "无法连接结算中心，且本机没有 " + allowed.toDays()
                    + " 天内从结算中心取得的收银员名单：暂不能离线登录，请等网络恢复后再登录");
        }
        Optional<OfflineCashiers.Cashier> k = roster.verify(number, pin);
        if (k.isEmpty()) {
            Optional<Duration> nowLocked = throttle.failed(number);
            LOG.infof("offline sign-in of cashier %s refused: wrong number or PIN%s", number,
                    nowLocked.isPresent() ? ", number locked" : "");
            if (nowLocked.isPresent()) {
                throw lockedOut(nowLocked.get());
            }
            throw new Refused(403, "CASHIER_OFFLINE_SIGN_IN_FAILED",
                    "无法连接结算中心，离线登录：工号或密码不正确，请重新输入");
        }
        throttle.succeeded(number);
        return new SignedIn(number, k.get().name(), true, clock.instant());
    }

    private static Refused lockedOut(Duration left) {
        long minutes = Math.max(1, (left.toSeconds() + 59) / 60);
        return new Refused(429, "CASHIER_OFFLINE_SIGN_IN_LOCKED",
                "该工号密码错误次数过多，请 " + minutes + " 分钟后再试");
    }

    /**
     * Fetches the canteen's roster for offline sign-in (or learns that the one held is current); false when the
     * central did not give it. Run after each refresh of the offline copy and when a sign-in shows the roster stale.
     */
    public boolean refreshRoster() {
        try {
            Optional<SettlementClient.TaggedRoster> fresh = central.cashierRoster(roster.etag().orElse(null));
            if (fresh.isPresent()) {
                roster.replace(fresh.get().roster(), fresh.get().etag(), clock.instant());
                LOG.debugf("cashier roster refreshed: %d cashiers", fresh.get().roster().cashiers().size());
            } else {
                roster.stillCurrent(clock.instant());
            }
            return true;
        } catch (SettlementException e) {
            LOG.debugf("cannot refresh the cashier roster: %s %s", e.code(), e.messageZh());
            return false;
        }
    }

    /** The roster follows the offline copy: refreshed each time the copy was. */
    void copyRefreshed(@Observes OfflineCounter.CopyRefreshed refreshed) {
        refreshRoster();
    }

    /** The name of a cashier who signed in at this counter (for the X report), if it is known here. */
    public Optional<String> nameOf(String number) {
        synchronized (this) {
            if (current != null && current.number().equals(number)) {
                return Optional.of(current.name());
            }
        }
        return roster.name(number);
    }

    public void onChange(Consumer<Optional<SignedIn>> listener) {
        listeners.add(listener);
    }

    public void signOut() {
        boolean was;
        synchronized (this) {
            was = current != null;
            current = null;
            lastActivity = null;
        }
        if (was) {
            listeners.forEach(l -> l.accept(Optional.empty()));
        }
    }

    /** The cashier signed in now, if any (one idle too long is signed out here). */
    public Optional<SignedIn> current() {
        expireIfIdle();
        synchronized (this) {
            return Optional.ofNullable(current);
        }
    }

    /** The number of the cashier who signs for a sale or void now, counting it as activity; or refuses. */
    public String requireSignedIn() {
        expireIfIdle();
        synchronized (this) {
            if (current == null) {
                throw new CashierSignInRequired();
            }
            lastActivity = clock.instant();
            return current.number();
        }
    }

    /** Keeps the session alive (a look-up, a card presented). */
    public synchronized void touch() {
        if (current != null) {
            lastActivity = clock.instant();
        }
    }

    // how often: CashierConfig#idleCheckEvery (the default repeated here for the scheduler, which reads it first)
    @Scheduled(every = "${laorenjia.terminal.cashier.idle-check-every:PT30S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireIfIdle() {
        boolean expired;
        synchronized (this) {
            expired = current != null && !lastActivity.plus(config.idleTimeout()).isAfter(clock.instant());
        }
        if (expired) {
            LOG.info("cashier signed out after the idle time");
            signOut();
        }
    }
}
