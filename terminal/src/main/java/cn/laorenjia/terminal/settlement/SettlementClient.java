package cn.laorenjia.terminal.settlement;

import cn.laorenjia.contract.counter.CashierRoster;
import cn.laorenjia.contract.counter.CashierSignInRequest;
import cn.laorenjia.contract.counter.CashierView;
import cn.laorenjia.contract.counter.CounterMenu;
import cn.laorenjia.contract.counter.CounterTotals;
import cn.laorenjia.contract.counter.MealPreview;
import cn.laorenjia.contract.counter.PreviewRequest;
import cn.laorenjia.contract.meal.AuthoriseMealRequest;
import cn.laorenjia.contract.meal.MealAuthorisation;
import cn.laorenjia.contract.meal.MealVoid;
import cn.laorenjia.contract.meal.VoidMealRequest;
import cn.laorenjia.contract.offline.OfflineSaleRequest;
import cn.laorenjia.contract.offline.OfflineSaleResult;
import cn.laorenjia.contract.offline.OfflineSnapshot;
import cn.laorenjia.contract.offline.OfflineSyncRequest;
import cn.laorenjia.contract.till.ShiftClosed;
import cn.laorenjia.contract.till.ShiftClosing;
import cn.laorenjia.contract.till.ShiftOpening;
import cn.laorenjia.contract.till.TillRecordAnswer;
import cn.laorenjia.contract.till.TillSale;
import cn.laorenjia.contract.till.TillVoid;
import cn.laorenjia.terminal.app.TerminalConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

import javax.net.ssl.SSLException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The counter's way to the central: the typed REST client {@link CentralApi}, built for this terminal's credential
 * (code, secret and the central's URL, from configuration or the demo credential file) with the configured connect
 * and read timeouts. Every refusal becomes a {@link SettlementException} with the central's code and Chinese
 * message; no answer at all becomes {@link SettlementException#UNREACHABLE}; an answer that is not the contract's
 * JSON becomes {@link SettlementException#BAD_ANSWER}. A 401 forgets the credential, which is read again next time
 * (the secret may have been rotated).
 */
@ApplicationScoped
public class SettlementClient {

    private static final Logger LOG = Logger.getLogger(SettlementClient.class);

    private final TerminalConfig config;
    private final CentralTransport transport;
    private volatile Connection connection;

    /** The credential in use and the client built for it. */
    private record Connection(TerminalCredentials credentials, CentralApi api) {
    }

    @Inject
    public SettlementClient(TerminalConfig config, CentralTransport transport) {
        this.config = config;
        this.transport = transport;
    }

    /** A client outside the application's TLS configuration: the JDK's CAs (tools and tests). */
    public SettlementClient(TerminalConfig config) {
        this(config, CentralTransport.jdkTrust());
    }

    /** This terminal's code, once a credential is known. */
    public Optional<String> terminalCode() {
        return credentials().map(TerminalCredentials::code);
    }

    /**
     * This terminal's secret, once a credential is known: the offline copy's card key is sealed under a key derived
     * from it (it is never written beside the copy).
     */
    public Optional<String> terminalSecret() {
        return credentials().map(TerminalCredentials::secret);
    }

    public CounterMenu menu() {
        return call(CentralApi::menu);
    }

    public MealPreview preview(PreviewRequest request) {
        return call(api -> api.preview(request));
    }

    public CashierView signInCashier(CashierSignInRequest request) {
        return call(api -> api.signInCashier(request));
    }

    /** A roster and the version the central tagged it with. */
    public record TaggedRoster(CashierRoster roster, String etag) {
    }

    /**
     * The canteen's cashiers for offline sign-in given the version held ({@code heldEtag}, null for none): empty when
     * it is still current (304).
     */
    public Optional<TaggedRoster> cashierRoster(String heldEtag) {
        RestResponse<CashierRoster> answer = call(api -> api.cashierRoster(heldEtag));
        if (answer.getStatus() == 304) {
            return Optional.empty();
        }
        if (answer.getStatus() != 200 || answer.getEntity() == null) {
            throw SettlementException.badAnswer(answer.getStatus());
        }
        return Optional.of(new TaggedRoster(answer.getEntity(), answer.getHeaderString("ETag")));
    }

    public CounterTotals totals() {
        return call(CentralApi::totals);
    }

    public MealAuthorisation authorise(AuthoriseMealRequest request) {
        return call(api -> api.authorise(request));
    }

    public MealVoid voidSale(UUID saleId, VoidMealRequest request) {
        return call(api -> api.voidSale(saleId, request));
    }

    /**
     * Asks whether the central answers this terminal now (GET /api/counter/ping), with {@code timeout} to connect and
     * to read instead of the sale's longer ones: returns when it answered 204, else throws like every other call
     * (no answer: {@link SettlementException#UNREACHABLE}). Its own client, so that a probe never waits as long as a
     * sale may.
     */
    public void ping(Duration timeout) {
        Connection c = connection();
        Probe p = probe;
        if (p == null || p.owner() != c || !p.timeout().equals(timeout)) {
            p = newProbe(c, timeout);
        }
        try {
            p.api().ping();
        } catch (RuntimeException e) {
            SettlementException failure = classify(e);
            if (failure.status() == 401) {
                forget(c);
            }
            throw failure;
        }
    }

    /** The probe's client, built for a connection's credential with the probe's timeout. */
    private record Probe(Connection owner, Duration timeout, CentralApi api) {
    }

    private volatile Probe probe;

    private synchronized Probe newProbe(Connection c, Duration timeout) {
        Probe p = probe;
        if (p != null && p.owner() == c && p.timeout().equals(timeout)) {
            return p;
        }
        Probe fresh = new Probe(c, timeout, transport.builder(c.credentials().settlementUrl())
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .register(new TerminalAuthorization(c.credentials()))
                .build(CentralApi.class));
        probe = fresh;
        if (p != null) {
            close(p.api());
        }
        return fresh;
    }

    /**
     * The offline copy given the version this counter holds ({@code held}, null for none): empty when it is still
     * current (304), else the whole copy or a delta from {@code held} (gzip'd on the wire).
     */
    public Optional<OfflineSnapshot> offlineSnapshot(Long held) {
        RestResponse<OfflineSnapshot> answer = call(api -> api.offlineSnapshot(held,
                held == null ? null : "\"" + held + "\""));
        if (answer.getStatus() == 304) {
            return Optional.empty();
        }
        if (answer.getStatus() != 200 || answer.getEntity() == null) {
            throw SettlementException.badAnswer(answer.getStatus());
        }
        return Optional.of(answer.getEntity());
    }

    /** One result per sale, in the same order; a short or missing list is not the contract's answer. */
    public List<OfflineSaleResult> syncOffline(List<OfflineSaleRequest> sales) {
        List<OfflineSaleResult> results = call(api -> api.syncOffline(new OfflineSyncRequest(sales)));
        if (results == null || results.size() != sales.size() || results.contains(null)) {
            throw SettlementException.badAnswer(200);
        }
        return results;
    }

    /** A shift opened at this counter; the central's answer is final (a refusal comes as an error status). */
    public TillRecordAnswer openShift(ShiftOpening opening) {
        return call(api -> api.openShift(opening));
    }

    /** A shift closed with its Z report: the central's own Z report and whether it agrees with the counter's. */
    public ShiftClosed closeShift(ShiftClosing closing) {
        return call(api -> api.closeShift(closing.shiftId(), closing));
    }

    /** Till sales; one answer per sale, in the same order (a short list is not the contract's answer). */
    public List<TillRecordAnswer> tillSales(List<TillSale> sales) {
        return oneEach(call(api -> api.tillSales(sales)), sales.size());
    }

    /** Till voids; one answer per void, in the same order. */
    public List<TillRecordAnswer> tillVoids(List<TillVoid> voids) {
        return oneEach(call(api -> api.tillVoids(voids)), voids.size());
    }

    private static List<TillRecordAnswer> oneEach(List<TillRecordAnswer> answers, int sent) {
        if (answers.size() != sent || answers.contains(null)) {
            throw SettlementException.badAnswer(200);
        }
        return answers;
    }

    private <T> T call(Function<CentralApi, T> request) {
        Connection c = connection();
        try {
            T answer = request.apply(c.api());
            if (answer == null) {
                throw SettlementException.badAnswer(200);
            }
            return answer;
        } catch (RuntimeException e) {
            SettlementException failure = classify(e);
            if (failure.status() == 401) {
                forget(c); // the secret may have been rotated: read the credential again next time
            }
            throw failure;
        }
    }

    /**
     * The central's refusal as its error mapper made it; an answer the client could not read as the contract's
     * JSON; or else no answer at all (refused connection, timeout, a line cut before the answer was complete).
     */
    static SettlementException classify(RuntimeException e) {
        SettlementException refusal = find(e, SettlementException.class);
        if (refusal != null) {
            return refusal;
        }
        if (find(e, JsonProcessingException.class) != null) {
            return SettlementException.badAnswer(200);
        }
        if (find(e, SSLException.class) != null || find(e, CertificateException.class) != null) {
            return untrusted(e);
        }
        WebApplicationException unreadable = find(e, WebApplicationException.class);
        if (unreadable != null && unreadable.getResponse() != null) {
            return SettlementException.badAnswer(unreadable.getResponse().getStatus());
        }
        LOG.debugf(e, "no answer from the central");
        return SettlementException.unreachable(e);
    }

    /** When the last "not trusted" error was logged: once a minute is enough for a counter that keeps retrying. */
    private static volatile long untrustedLoggedAt;

    /**
     * The central's certificate did not verify (another CA, an expired certificate, a name it does not carry), or the
     * TLS handshake failed: for selling, as good as no central (the counter works offline) and never talked to.
     */
    private static SettlementException untrusted(RuntimeException e) {
        long now = System.currentTimeMillis();
        if (now - untrustedLoggedAt > 60_000) {
            untrustedLoggedAt = now;
            LOG.errorf("结算中心的证书未通过验证,不与其通信 (the central's TLS certificate did not verify, nothing sent):"
                    + " check laorenjia.central.ca (the district CA) and that the central's address is a name in its"
                    + " certificate; %s", rootCause(e));
        }
        return SettlementException.untrusted();
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }

    private static <X extends Throwable> X find(Throwable e, Class<X> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private Connection connection() {
        Connection c = connection;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (connection == null) {
                TerminalCredentials credentials = credentials().orElseThrow(() -> new SettlementException(0,
                        SettlementException.NOT_CONFIGURED,
                        "本终端尚未配置终端编号和密钥，请联系管理员设置 LAORENJIA_TERMINAL_CODE 和 LAORENJIA_TERMINAL_SECRET", null));
                CentralApi api = transport.builder(credentials.settlementUrl())
                        .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .register(new TerminalAuthorization(credentials))
                        // the offline copy comes gzip'd (Accept-Encoding sent, the answer inflated here)
                        .enableCompression(true)
                        .build(CentralApi.class);
                connection = new Connection(credentials, api);
            }
            return connection;
        }
    }

    private synchronized void forget(Connection c) {
        if (connection == c) {
            connection = null;
            cached = null;
            close(c.api());
        }
    }

    private volatile TerminalCredentials cached;

    private Optional<TerminalCredentials> credentials() {
        Connection c = connection;
        if (c != null) {
            return Optional.of(c.credentials());
        }
        TerminalCredentials known = cached;
        if (known == null) {
            known = TerminalCredentials.resolve(config).orElse(null);
            cached = known;
        }
        return Optional.ofNullable(known);
    }

    private static void close(CentralApi api) {
        if (api instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debugf(e, "closing the client of a forgotten credential");
            }
        }
    }
}
