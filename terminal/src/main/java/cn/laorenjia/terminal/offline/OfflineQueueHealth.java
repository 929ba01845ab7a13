package cn.laorenjia.terminal.offline;

import cn.laorenjia.terminal.journal.SaleJournal;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The sales waiting for the central's answer in the counter's health: how many (made offline, or sent and not
 * answered) and the oldest one's time. DOWN only when the journal cannot be read: then the counter cannot record a
 * sale, online or offline.
 */
@Readiness
@ApplicationScoped
public class OfflineQueueHealth implements HealthCheck {

    private final OfflineCounter offline;
    private final Clock clock;

    public OfflineQueueHealth(OfflineCounter offline, Clock clock) {
        this.offline = offline;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        SaleJournal journal = offline.journal();
        try {
            Instant oldest = null;
            for (SaleJournal.Mode mode : SaleJournal.Mode.values()) {
                List<SaleJournal.Pending> first = journal.pending(mode, 1);
                if (!first.isEmpty() && (oldest == null || first.get(0).journalledAt().isBefore(oldest))) {
                    oldest = first.get(0).journalledAt();
                }
            }
            HealthCheckResponseBuilder response = HealthCheckResponse.named("offline queue").up()
                    .withData("depth", journal.pendingCount())
                    .withData("madeOffline", journal.pendingCount(SaleJournal.Mode.OFFLINE))
                    .withData("sentUnanswered", journal.pendingCount(SaleJournal.Mode.ONLINE));
            if (oldest != null) {
                response.withData("oldestUnsent", oldest.toString())
                        .withData("oldestUnsentAgeSeconds", Math.max(0, Duration.between(oldest, clock.instant()).toSeconds()));
            }
            return response.build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("offline queue").down()
                    .withData("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }
}
