package cn.laorenjia.terminal.offline;

import cn.laorenjia.terminal.settlement.SettlementClient;
import cn.laorenjia.terminal.settlement.SettlementException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Notices a lost (and a returned) central while nobody is at the counter: every {@code laorenjia.terminal.probe.interval}
 * one GET /api/counter/ping with the probe's short timeout, and {@link OfflineCounter} told what it found, so the
 * offline banner shows (and goes) within a few seconds instead of at the next sale.
 *
 * <p>Independent of the sale: it never takes the sale's lock itself (the status change is pushed to the pages by the
 * counter's usual listener), and a probe still waiting when the next is due is not doubled (SKIP).
 */
@ApplicationScoped
public class CentralProbe {

    private static final Logger LOG = Logger.getLogger(CentralProbe.class);

    private final CentralProbeConfig config;
    private final SettlementClient settlement;
    private final OfflineCounter offline;
    /** From the application's start to the beginning of its shutdown (before the journal closes). */
    private volatile boolean running;
    /** Probes in a row that got no answer (guarded by this). */
    private int misses;

    public CentralProbe(CentralProbeConfig config, SettlementClient settlement, OfflineCounter offline) {
        this.config = config;
        this.settlement = settlement;
        this.offline = offline;
    }

    void start(@Observes StartupEvent event) {
        running = config.enabled();
    }

    /** Before {@link OfflineCounter} closes its journal (a lower priority runs first); waits for a probe under way. */
    void stop(@Observes @Priority(1) ShutdownEvent event) {
        running = false;
        synchronized (this) {
            LOG.debug("central probe stopped");
        }
    }

    @Scheduled(identity = "central-probe", every = "${laorenjia.terminal.probe.interval:PT2S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void probe() {
        if (!running) {
            return;
        }
        try {
            settlement.ping(config.timeout());
            answered();
        } catch (SettlementException e) {
            switch (answerOf(e)) {
                case NONE -> {
                    if (++misses >= config.missesBeforeOffline()) {
                        offline.unreachable();
                    }
                }
                case ANSWERED -> answered();
                case NOT_CONFIGURED -> LOG.debug("no terminal credential yet: nothing to probe");
            }
        } catch (RuntimeException e) {
            LOG.warn("the central probe failed; trying again at the next interval", e);
        }
    }

    private void answered() {
        misses = 0;
        offline.reachable();
    }

    enum Answer { ANSWERED, NONE, NOT_CONFIGURED }

    /**
     * What a failed probe says of the link: no answer, a certificate not to be trusted, or a gateway in front of the
     * central saying it is not there (502, 503, 504) is no central; any other answer (a refusal too) is the central.
     */
    static Answer answerOf(SettlementException e) {
        if (SettlementException.NOT_CONFIGURED.equals(e.code())) {
            return Answer.NOT_CONFIGURED;
        }
        if (SettlementException.UNREACHABLE.equals(e.code()) || SettlementException.CENTRAL_NOT_TRUSTED.equals(e.code())
                || e.status() == 502 || e.status() == 503 || e.status() == 504) {
            return Answer.NONE;
        }
        return Answer.ANSWERED;
    }
}
