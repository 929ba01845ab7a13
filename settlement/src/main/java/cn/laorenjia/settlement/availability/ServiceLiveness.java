package cn.laorenjia.settlement.availability;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Alive unless something a restart cures: threads deadlocked in this JVM. Never the database: a restart does not
 * repair a database, and restarting every instance during a database outage only adds cold starts to it
 * (readiness says the database, {@link DatabaseReadiness}).
 */
@Liveness
@ApplicationScoped
public class ServiceLiveness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] deadlocked = threads.findDeadlockedThreads();
        return HealthCheckResponse.named("service threads")
                .status(deadlocked == null)
                .withData("deadlockedThreads", deadlocked == null ? 0 : deadlocked.length)
                .withData("liveThreads", threads.getThreadCount())
                .build();
    }
}
