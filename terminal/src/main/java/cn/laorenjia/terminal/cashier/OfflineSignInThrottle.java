package cn.laorenjia.terminal.cashier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Wrong PINs at offline sign-in, counted per cashier number at this counter: after {@code lockAfter} wrong PINs in a
 * row the number is refused for {@code lockFor} (even with the right PIN, which is not checked then), as the central
 * does online. A right PIN clears the count; so does a lock that ran out. Kept in memory: whoever can restart the
 * counter's program has its disk too, and the sealed roster is what protects that (OfflineCashiers).
 */
final class OfflineSignInThrottle {

    /**
     * Numbers tracked at most: guessed numbers must not grow the map without bound. Over it, the counts that lock
     * nothing now are dropped, never a running lock (else guessing many numbers would free a locked one).
     */
    private static final int MAX_NUMBERS = 1_000;

    private record State(int failures, Instant lockedUntil) {
    }

    private final Clock clock;
    private final int lockAfter;
    private final Duration lockFor;
    private final Map<String, State> states = new HashMap<>();

    OfflineSignInThrottle(Clock clock, int lockAfter, Duration lockFor) {
        if (lockAfter < 1) {
            throw new IllegalArgumentException("laorenjia.terminal.cashier.offline-lock-after must be at least 1");
        }
        this.clock = clock;
        this.lockAfter = lockAfter;
        this.lockFor = lockFor;
    }

    /** How long {@code number} is still refused, if it is. */
    synchronized Optional<Duration> lockedFor(String number) {
        State s = states.get(number);
        Instant now = clock.instant();
        if (s == null || s.lockedUntil() == null) {
            return Optional.empty();
        }
        if (!now.isBefore(s.lockedUntil())) {
            states.remove(number); // the lock ran out: a fresh count
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, s.lockedUntil()));
    }

    /** Counts a wrong PIN; returns how long the number is now refused, if this one locked it. */
    synchronized Optional<Duration> failed(String number) {
        State before = states.remove(number);
        int failures = before == null ? 1 : before.failures() + 1;
        Instant lockedUntil = failures >= lockAfter ? clock.instant().plus(lockFor) : null;
        Instant now = clock.instant();
        if (states.size() >= MAX_NUMBERS) {
            states.values().removeIf(s -> s.lockedUntil() == null || !now.isBefore(s.lockedUntil()));
        }
        if (states.size() < MAX_NUMBERS) {
            states.put(number, new State(failures, lockedUntil));
        }
        return lockedUntil == null ? Optional.empty() : Optional.of(lockFor);
    }

    synchronized void succeeded(String number) {
        states.remove(number);
    }
}
