package cn.laorenjia.core.offline;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the central knows of its own answers to a terminal around the moment the terminal claims it sold offline: the
 * last answer it gave that terminal at or before that moment and the first at or after it (as far as it recorded
 * them), and the window of the rule.
 *
 * <p>The rule (README, "断网时"): the central <em>was answering</em> the terminal at the claimed moment when it answered
 * that terminal both within {@code window} before it and within {@code window} after it. A terminal that says it
 * could not reach the central while the central was answering it on both sides of that moment was not offline. The rule
 * is held only against a claim judged later than the live window after its moment ({@link #heldAgainst}): until then
 * the central would take the very same sale as a live one, so a short blip, or a live sale whose request was lost
 * and is resent by the counter after a crash, is decided like a live sale instead of being refused for the contact.
 *
 * @param claimedAt   when the terminal says it made the sale
 * @param answeredBefore the central's last recorded answer to the terminal at or before {@code claimedAt}, if any
 * @param answeredAfter  the central's first recorded answer to the terminal at or after {@code claimedAt}, if any
 * @param window      how close on each side an answer must be; zero asks for an answer at the claimed instant itself
 */
public record CentralContact(Instant claimedAt, Optional<Instant> answeredBefore, Optional<Instant> answeredAfter,
                             Duration window) {

    public CentralContact {
        Objects.requireNonNull(claimedAt, "claimedAt");
        Objects.requireNonNull(answeredBefore, "answeredBefore");
        Objects.requireNonNull(answeredAfter, "answeredAfter");
        Objects.requireNonNull(window, "window");
        if (window.isNegative()) {
            throw new IllegalArgumentException("the contact window cannot be negative: " + window);
        }
        if (answeredBefore.isPresent() && answeredBefore.get().isAfter(claimedAt)) {
            throw new IllegalArgumentException("an answer before " + claimedAt + " cannot be at " + answeredBefore.get());
        }
        if (answeredAfter.isPresent() && answeredAfter.get().isBefore(claimedAt)) {
            throw new IllegalArgumentException("an answer after " + claimedAt + " cannot be at " + answeredAfter.get());
        }
    }

    /**
     * Whether the central's answers around {@code claimedAt} are held against a claim it judges at {@code judgedAt}:
     * only once the claim is older than {@code liveWindow}, the age up to which the central accepts a live sale.
     */
    public static boolean heldAgainst(Instant claimedAt, Instant judgedAt, Duration liveWindow) {
        return claimedAt.isBefore(judgedAt.minus(liveWindow));
    }

    /** The central recorded no answer to the terminal anywhere near the claimed moment. */
    public static CentralContact none(Instant claimedAt, Duration window) {
        return new CentralContact(claimedAt, Optional.empty(), Optional.empty(), window);
    }

    /** Whether the central was answering the terminal at the claimed moment: an answer within the window on both sides. */
    public boolean wasAnswering() {
        return answeredBefore.filter(a -> !a.isBefore(claimedAt.minus(window))).isPresent()
                && answeredAfter.filter(a -> !a.isAfter(claimedAt.plus(window))).isPresent();
    }
}
