package cn.laorenjia.settlement.availability;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the database commits within the bound ({@link CommitProbe}): a load balancer or the counters' gateway
 * then sends sales elsewhere (or the counters sell offline) instead of to a service whose commits hang.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private final CommitProbe probe;

    public DatabaseReadiness(CommitProbe probe) {
        this.probe = probe;
    }

    @Override
    public HealthCheckResponse call() {
        CommitProbe.Result result = probe.check();
        return HealthCheckResponse.named("database commits").status(result.up())
                .withData("result", result.reason())
                .withData("millis", result.millis())
                .build();
    }
}
