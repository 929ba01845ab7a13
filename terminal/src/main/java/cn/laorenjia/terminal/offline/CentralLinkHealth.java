package cn.laorenjia.terminal.offline;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Instant;

/**
 * The link to the central in the counter's health, as {@link CentralProbe} and the sales find it: online, since when
 * offline, when the central last answered. UP either way: a counter whose central is away (unreachable, or answering
 * 502/503/504, e.g. its database down) sells offline and syncs later, which is what it is built to do; restarting
 * or taking it out of service would not bring the central back.
 */
@Readiness
@ApplicationScoped
public class CentralLinkHealth implements HealthCheck {

    private final OfflineCounter offline;

    public CentralLinkHealth(OfflineCounter offline) {
        this.offline = offline;
    }

    @Override
    public HealthCheckResponse call() {
        Instant since = offline.offlineSince();
        Instant lastAnswer = offline.lastAnswerAt();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("central link").up()
                .withData("online", offline.online())
                .withData("mode", offline.online() ? "ONLINE" : "OFFLINE");
        if (since != null) {
            response.withData("offlineSince", since.toString());
        }
        if (lastAnswer != null) {
            response.withData("lastAnswerAt", lastAnswer.toString());
        }
        return response.build();
    }
}
