package cn.laorenjia.terminal.app;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Alive unless something a restart cures: deadlocked threads (a sale stuck on its lock for good). Never the central
 * link, the reader or the queue: a counter without its central sells offline, and a restart brings neither back.
 */
@Liveness
@ApplicationScoped
public class CounterLiveness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] deadlocked = threads.findDeadlockedThreads();
        return HealthCheckResponse.named("counter threads").status(deadlocked == null)
                .withData("deadlockedThreads", deadlocked == null ? 0 : deadlocked.length)
                .build();
    }
}
