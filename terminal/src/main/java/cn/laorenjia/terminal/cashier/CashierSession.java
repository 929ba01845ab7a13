package cn.laorenjia.terminal.cashier;

import cn.laorenjia.contract.counter.CashierSignInRequest;
import cn.laorenjia.contract.counter.CashierView;
import cn.laorenjia.terminal.offline.OfflineConfig;
import cn.laorenjia.terminal.settlement.SettlementClient;
import cn.laorenjia.terminal.settlement.SettlementException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Who sells at this counter now. A cashier signs in with number and PIN, checked by the central; while the central
 * cannot be reached, against the PIN hash this counter kept from their last successful sign-in here (within
 * {@link CashierConfig#offlineSignInFor()}), shown on screen as 离线登录. Held in memory only: a restart signs the
 * cashier out. Signed out on request, or after {@link CashierConfig#idleTimeout()} without a sale, void or look-up.
 */
@ApplicationScoped
public class CashierSession {

    private static final Logger LOG = Logger.getLogger(CashierSession.class);
    public static final String FILE = "cashiers.properties";

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
    private final KnownCashiers known;
    /** Told after every sign-in and sign-out (the sale flow, which pushes the state to the pages). */
    private final List<Consumer<Optional<SignedIn>>> listeners = new CopyOnWriteArrayList<>();

    private SignedIn current;
    private Instant lastActivity;

    public CashierSession(SettlementClient central, CashierConfig config, OfflineConfig offline, Clock clock) {
        this.central = central;
        this.config = config;
        this.clock = clock;
        this.known = new KnownCashiers(offline.dataDir().resolve(FILE), config.pinHashIterations());
    }

    public SignedIn signIn(String number, String pin) {
        if (number == null || pin == null || !number.matches("[0-9]{1,8}") || !pin.matches("[0-9]{1,64}")) {
            throw new Refused(400, "CASHIER_SIGN_IN_INVALID", "请输入工号和密码(数字),然后按 Enter");
        }
        SignedIn cashier;
        try {
            CashierView view = central.signInCashier(new CashierSignInRequest(number, pin));
            known.remember(view.number(), view.name(), pin, clock.instant());
            cashier = new SignedIn(view.number(), view.name(), false, clock.instant());
        } catch (SettlementException e) {
            if (!e.outcomeUnknown()) {
                if ("CASHIER_SIGN_IN_FAILED".equals(e.code()) && known.verify(number, pin).isPresent()) {
                    known.forget(number); // the central no longer takes this PIN (changed, or the cashier left)
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
        Optional<KnownCashiers.Known> k = known.verify(number, pin);
        Duration allowed = config.offlineSignInFor();
        if (k.isEmpty() || k.get().signedInAt().plus(allowed).isBefore(clock.instant())) {
            throw new Refused(403, "CASHIER_OFFLINE_SIGN_IN_FAILED", "无法连接结算中心:只有 " + allowed.toDays()
                    + " 天内在本机登录过的收银员才能离线登录,请核对工号和密码,或等网络恢复后再登录");
        }
        return new SignedIn(number, k.get().name(), true, clock.instant());
    }

    /** The name of a cashier who signed in at this counter (for the X report), if it is known here. */
    public Optional<String> nameOf(String number) {
        synchronized (this) {
            if (current != null && current.number().equals(number)) {
                return Optional.of(current.name());
            }
        }
        return known.name(number);
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
