package cn.laorenjia.terminal.fault;

import cn.laorenjia.contract.counter.CounterMenu;
import cn.laorenjia.contract.error.ApiError;
import cn.laorenjia.contract.meal.AuthoriseMealRequest;
import cn.laorenjia.contract.meal.IdentificationRequest;
import cn.laorenjia.contract.meal.MealAuthorisation;
import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.terminal.app.TestTerminalConfig;
import cn.laorenjia.terminal.journal.SaleJournal;
import cn.laorenjia.terminal.settlement.SettlementClient;
import cn.laorenjia.terminal.settlement.SettlementException;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A counter speaking the terminal's protocol with the terminal's own journal and client: each sale is journalled
 * (forced to disk) before it is sent, sent with its client-generated id, resent with the same id while no answer
 * comes (service killed, database restarting), and closed in the journal only with the central's final answer.
 * Its sales are made now on the counter's clock (in step with the central's), as a counter makes them.
 */
final class ProtocolCounter implements AutoCloseable {

    final String code;
    final Path journalDirectory;
    private final SettlementClient client;
    private final SaleJournal journal;
    private final Clock clock;
    final AtomicLong retries = new AtomicLong();

    ProtocolCounter(String code, String secret, URI central, Path journalDirectory, Clock clock) {
        this.code = code;
        this.journalDirectory = journalDirectory;
        this.clock = clock;
        this.client = new SettlementClient(TestTerminalConfig.of(central, code, secret));
        this.journal = SaleJournal.open(journalDirectory, clock);
    }

    /** The dearest qualifying lunch set of this counter's canteen: code and price in fen. */
    CounterMenu.SetView lunchSet() {
        CounterMenu menu = client.menu();
        for (CounterMenu.SetView set : menu.sets()) {
            if (set.qualifies() && "LUNCH".equals(set.slot())) {
                return set;
            }
        }
        throw new IllegalStateException("no qualifying lunch set on " + code + "'s menu");
    }

    /** Sells one subsidised meal now; returns the final status. Retries until {@code giveUpAfter}. */
    String sell(String cardUid, CounterMenu.SetView set, Duration giveUpAfter) throws InterruptedException {
        UUID id = UUID.randomUUID();
        AuthoriseMealRequest body = saleBody(id, cardUid, set, OffsetDateTime.ofInstant(clock.instant(), ChinaCalendar.ZONE));
        journal.sale(id, SaleJournal.Mode.ONLINE, true, body);
        Instant deadline = Instant.now().plus(giveUpAfter);
        long pause = 50;
        while (true) {
            try {
                MealAuthorisation answer = client.authorise(body);
                journal.done(List.of(new SaleJournal.Done(id, answer.status(), answer)));
                return answer.status();
            } catch (SettlementException e) {
                boolean transient_ = e.outcomeUnknown() || e.status() >= 500;
                if (!transient_) {
                    journal.done(List.of(new SaleJournal.Done(id, "REFUSED_LIVE",
                            ApiError.of(e.code(), String.valueOf(e.messageZh())))));
                    return "REFUSED_LIVE:" + e.code();
                }
                if (Instant.now().isAfter(deadline)) {
                    return "UNANSWERED"; // stays pending in the journal: the scenario fails on it
                }
                retries.incrementAndGet();
                Thread.sleep(pause);
                pause = Math.min(1000, pause * 2);
            }
        }
    }

    /** Queues a sale made offline (granted) in a counter's journal, for the resync measurement. */
    static void queue(SaleJournal journal, String cardUid, CounterMenu.SetView set, OffsetDateTime at) {
        UUID id = UUID.randomUUID();
        journal.sale(id, SaleJournal.Mode.OFFLINE, true, saleBody(id, cardUid, set, at));
    }

    /** A sale of one set to the senior holding a UID card, as the terminal sends it. */
    private static AuthoriseMealRequest saleBody(UUID id, String cardUid, CounterMenu.SetView set, OffsetDateTime at) {
        return new AuthoriseMealRequest(id, at, IdentificationRequest.card("UID", cardUid), set.code(), set.price());
    }

    SaleJournal journal() {
        return journal;
    }

    SettlementClient client() {
        return client;
    }

    int pending() {
        return journal.pendingCount();
    }

    @Override
    public void close() {
        journal.close();
    }
}
