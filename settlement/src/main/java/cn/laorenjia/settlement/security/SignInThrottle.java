package cn.laorenjia.settlement.security;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins per account (username or terminal code) and per client address, and refuses sign-ins for
 * a while after too many: from {@code *BackoffAfter} failures a back-off that doubles with each further failure,
 * from {@code *LockAfter} a lock of {@code lockDuration}. While refused, the credential is not even checked (a
 * correct password is refused too), and refused attempts do not count again.
 *
 * <p>The counts live in this instance's memory: cheap (no database write per guess beyond the audit row), and
 * enough for the one service instance of an installation. With several instances each counts its own share, so
 * an attacker spreading guesses over N instances gets at most N times the allowance; a restart forgets the counts.
 * Time comes from the injected clock.
 */
@ApplicationScoped
public class SignInThrottle {

    /** What is counted: an account of a kind, or an address. */
    public record Key(String kind, String value) {

        public static Key person(String username) {
            return new Key("person", username);
        }

        public static Key terminal(String code) {
            return new Key("terminal", code);
        }

        public static Key address(String address) {
            return new Key("address", address);
        }

        boolean isAddress() {
            return kind.equals("address");
        }
    }

    private record State(int failures, Instant lastFailure, Instant refusedUntil) {
    }

    private static final int MAX_KEYS = 100_000;

    private final Clock clock;
    private final SecurityConfig.Throttle config;
    private final ConcurrentHashMap<Key, State> states = new ConcurrentHashMap<>();

    public SignInThrottle(Clock clock, SecurityConfig config) {
        this.clock = clock;
        this.config = config.throttle();
    }

    /** Throws {@link SignInLocked} when any of the keys is being refused now. */
    public void check(List<Key> keys) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (Key key : keys) {
            State state = states.get(key);
            if (state != null && now.isBefore(state.refusedUntil())) {
                Duration left = Duration.between(now, state.refusedUntil());
                wait = left.compareTo(wait) > 0 ? left : wait;
            }
        }
        if (!wait.isZero()) {
            throw new SignInLocked(wait);
        }
    }

    /**
     * Counts a failure against every key.
     *
     * @return how long the account (or address) is now refused, if at all
     */
    public Optional<Duration> failed(List<Key> keys) {
        Instant now = clock.instant();
        if (states.size() > MAX_KEYS) {
            forgetStale(now); // guessed usernames must not grow the map without bound
        }
        Duration longest = Duration.ZERO;
        for (Key key : keys) {
            State state = states.compute(key, (k, before) -> next(k, before, now));
            if (now.isBefore(state.refusedUntil())) {
                Duration refused = Duration.between(now, state.refusedUntil());
                longest = refused.compareTo(longest) > 0 ? refused : longest;
            }
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    /** A correct sign-in clears the account's failures (not the address's: one good account must not unlock it). */
    public void succeeded(Key account) {
        states.remove(account);
    }

    /** Forgets every count, as a restart does (tests start each case clean with it). */
    public void forgetAll() {
        states.clear();
    }

    private State next(Key key, State before, Instant now) {
        int failures = before == null || stale(before, now) ? 1 : before.failures() + 1;
        int backoffAfter = key.isAddress() ? config.addressBackoffAfter() : config.accountBackoffAfter();
        int lockAfter = key.isAddress() ? config.addressLockAfter() : config.accountLockAfter();
        Instant refusedUntil = now;
        if (failures >= lockAfter) {
            refusedUntil = now.plus(config.lockDuration());
        } else if (failures >= backoffAfter) {
            int doublings = Math.min(failures - backoffAfter, 30);
            Duration backoff = config.firstBackoff().multipliedBy(1L << doublings);
            refusedUntil = now.plus(backoff.compareTo(config.lockDuration()) > 0 ? config.lockDuration() : backoff);
        }
        return new State(failures, now, refusedUntil);
    }

    private boolean stale(State state, Instant now) {
        return !now.isBefore(state.refusedUntil()) && !now.isBefore(state.lastFailure().plus(config.forgetAfter()));
    }

    private void forgetStale(Instant now) {
        states.entrySet().removeIf(e -> stale(e.getValue(), now));
    }
}
