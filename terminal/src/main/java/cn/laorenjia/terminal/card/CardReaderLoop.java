package cn.laorenjia.terminal.card;

import cn.laorenjia.core.card.CardReadException;
import cn.laorenjia.terminal.identify.IdentificationFailed;
import cn.laorenjia.terminal.identify.SeniorPresented;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The counter's card reader: one dedicated thread (not a scheduled job: it blocks in PC/SC waits for a card, and a
 * scheduler's worker thread must not be held by a wait that never ends while the counter runs) that waits for a card in short steps (never an endless
 * native wait, which ignores interrupts and blocks the JVM's one PC/SC context), reads it with the
 * configured profile and fires {@link SeniorPresented} or {@link IdentificationFailed}. One tap fires
 * once: after a read it waits for the card to leave. It survives no reader at start, a reader unplugged
 * and plugged in again, pcscd restarted and a card pulled mid-read.
 */
@ApplicationScoped
public class CardReaderLoop {

    private static final Logger LOG = Logger.getLogger(CardReaderLoop.class);

    private final CardReaderConfig config;
    private final Consumer<SeniorPresented> presented;
    private final Consumer<IdentificationFailed> failed;
    private final PcscContext pcsc;
    private final Clock clock;

    private volatile boolean running;
    private volatile Thread thread;
    private volatile CardReaderStatus status;

    @Inject
    public CardReaderLoop(CardReaderConfig config, Event<SeniorPresented> presented, Event<IdentificationFailed> failed,
                          Clock clock) {
        this(config, new PcscContext(), presented::fire, failed::fire, clock);
    }

    /** For tests: another PC/SC source (an in-memory one) and plain consumers of the events. */
    CardReaderLoop(CardReaderConfig config, PcscContext pcsc, Consumer<SeniorPresented> presented,
                   Consumer<IdentificationFailed> failed, Clock clock) {
        this.config = config;
        this.pcsc = pcsc;
        this.clock = clock;
        this.presented = presented;
        this.failed = failed;
        this.status = new CardReaderStatus(config.enabled() ? "STARTING" : "DISABLED", false, null, false,
                config.profile().name(), config.enabled() ? "读卡器启动中" : "未启用读卡器", null, null);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public CardReaderStatus status() {
        return status;
    }

    synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        Thread t = new Thread(this::run, "card-reader");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    synchronized void stop() {
        running = false;
        Thread t = thread;
        thread = null;
        if (t != null) {
            t.interrupt();
            try {
                t.join(config.pollInterval().toMillis() + config.retryInterval().toMillis() + 2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (running) {
            try {
                CardTerminal reader = findReader();
                if (reader == null) {
                    state("NO_READER", false, null, "未连接读卡器，请插好读卡器");
                    pause();
                    continue;
                }
                state("READY", true, reader.getName(), "读卡器就绪，请刷卡");
                if (reader.waitForCardPresent(config.pollInterval().toMillis())) {
                    cardPresent(true);
                    readOnce(reader);
                    while (running && !reader.waitForCardAbsent(config.pollInterval().toMillis())) {
                        // one tap, one read: wait for the card to leave
                    }
                    cardPresent(false);
                }
            } catch (CardException | RuntimeException e) {
                if (PcscContext.serviceLost(e)) {
                    boolean renewed = pcsc.reset();
                    state(renewed ? "NO_SERVICE" : "RESTART_NEEDED", false, null,
                            renewed ? "读卡服务（pcscd）未运行，正在重新连接" : "读卡服务已重启，请重新启动收银终端");
                } else if (e.getCause() instanceof java.security.NoSuchAlgorithmException) {
                    state("NO_PCSC", false, null, "本机没有读卡服务（PC/SC），请安装pcscd后重启收银终端");
                } else if (noReaders(e)) {
                    state("NO_READER", false, null, "未连接读卡器，请插好读卡器");
                } else {
                    LOG.debugf("card reader: %s", e);
                    state("NO_READER", false, null, "读卡器异常，请重新插拔读卡器");
                }
                pause();
            }
        }
    }

    private CardTerminal findReader() throws CardException {
        List<CardTerminal> readers;
        try {
            readers = pcsc.factory().terminals().list();
        } catch (CardException e) {
            if (noReaders(e)) {
                return null;
            }
            throw e;
        }
        return readers.stream()
                .filter(r -> config.readerName().map(name -> r.getName().contains(name)).orElse(true))
                .findFirst().orElse(null);
    }

    private void readOnce(CardTerminal reader) throws CardException {
        Card card;
        try {
            card = reader.connect("*");
        } catch (CardException e) {
            if (PcscContext.serviceLost(e)) {
                throw e;
            }
            fail("CARD_UNREADABLE", "无法读取该卡，请把卡放稳后重新刷卡");
            return;
        }
        try {
            CardChannel channel = card.getBasicChannel();
            CardProfile.Presented read = config.profile().read(command -> transmit(channel, command));
            Instant at = clock.instant();
            status = withLastRead(at);
            fireSafely(() -> presented.accept(new SeniorPresented(read.kind(), read.value(), at)));
        } catch (CardReadException e) {
            fail(e.code().name(), e.messageZh());
        } catch (CardException e) {
            if (PcscContext.serviceLost(e)) {
                throw e;
            }
            fail("CARD_REMOVED", "读卡时卡片被移开，请重新刷卡并保持卡片不动");
        } finally {
            try {
                card.disconnect(false);
            } catch (CardException | RuntimeException ignored) {
                // the card may already be gone
            }
        }
    }

    private static byte[] transmit(CardChannel channel, byte[] command) throws CardException {
        try {
            return channel.transmit(new CommandAPDU(command)).getBytes();
        } catch (IllegalArgumentException e) {
            // An answer without even a status word: the link to the card broke mid-command (seen when a card is
            // pulled through vpcd); a card that is there always answers at least SW1 SW2.
            throw new CardException("no answer from the card", e);
        }
    }

    private static boolean noReaders(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("SCARD_E_NO_READERS_AVAILABLE") || message.contains("SCARD_E_UNKNOWN_READER")
                    || message.contains("SCARD_E_READER_UNAVAILABLE")) {
                return true;
            }
        }
        return false;
    }

    private void fail(String code, String messageZh) {
        Instant at = clock.instant();
        CardReaderStatus s = status;
        status = new CardReaderStatus(s.state(), s.readerPresent(), s.readerName(), s.cardPresent(), s.profile(), s.stateZh(),
                new CardReaderStatus.LastError(code, messageZh, at), s.lastReadAt());
        fireSafely(() -> failed.accept(new IdentificationFailed(code, messageZh, at)));
    }

    private CardReaderStatus withLastRead(Instant at) {
        CardReaderStatus s = status;
        return new CardReaderStatus(s.state(), s.readerPresent(), s.readerName(), s.cardPresent(), s.profile(), s.stateZh(),
                s.lastError(), at);
    }

    private void state(String state, boolean present, String name, String stateZh) {
        CardReaderStatus s = status;
        if (!state.equals(s.state()) || present != s.readerPresent()) {
            LOG.infof("card reader: %s %s", state, name == null ? "" : name);
        }
        status = new CardReaderStatus(state, present, name, present && s.cardPresent(), s.profile(), stateZh, s.lastError(),
                s.lastReadAt());
    }

    private void cardPresent(boolean present) {
        CardReaderStatus s = status;
        status = new CardReaderStatus(s.state(), s.readerPresent(), s.readerName(), present, s.profile(), s.stateZh(),
                s.lastError(), s.lastReadAt());
    }

    /** An observer's failure must not stop the reader thread. */
    private static void fireSafely(Runnable fire) {
        try {
            fire.run();
        } catch (RuntimeException e) {
            LOG.errorf(e, "an observer of a card event failed");
        }
    }

    private void pause() {
        try {
            Thread.sleep(config.retryInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
