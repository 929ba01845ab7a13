package cn.laorenjia.terminal.testing;

import cn.laorenjia.terminal.identify.IdentificationFailed;
import cn.laorenjia.terminal.identify.SeniorPresented;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects the identification events the terminal fires, as the sale flow would observe them. */
@ApplicationScoped
public class EventsSeen {

    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    void presented(@Observes SeniorPresented event) {
        events.add(event);
    }

    void failed(@Observes IdentificationFailed event) {
        events.add(event);
    }

    public void clear() {
        events.clear();
    }

    /** The next event, waiting up to {@code timeout}; fails if none comes. */
    public Object next(Duration timeout) {
        try {
            Object event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no identification event within " + timeout);
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public <T> T next(Class<T> type, Duration timeout) {
        Object event = next(timeout);
        if (!type.isInstance(event)) {
            throw new AssertionError("expected " + type.getSimpleName() + ", got " + event);
        }
        return type.cast(event);
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }
}
