package cn.laorenjia.core.senior;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The days on which a fact holds: from {@link #from()} inclusive to {@link #to()} <b>exclusive</b>,
 * or open-ended when {@code to} is absent.
 *
 * <p>Why half-open: a fact that ends is usually replaced by another on the same day (suspended on
 * 2024-05-10, approved again from 2024-06-01), and with an exclusive end the two periods meet without
 * a gap or an overlapping day. Example: moving into an institution on 2024-05-10 and leaving on
 * 2024-06-01 is {@code between(2024-05-10, 2024-06-01)}: excluded on 10 May, eligible again on 1 June.
 */
public final class Period {

    private final LocalDate from;
    private final LocalDate to;

    private Period(LocalDate from, LocalDate to) {
        this.from = Objects.requireNonNull(from, "a period needs a start date");
        if (to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("截止日期 to 须晚于起始日期 from（截止日期当天起不再适用）：" + from + " 至 " + to);
        }
        this.to = to;
    }

    /** Open-ended, from this day on. */
    public static Period from(LocalDate from) {
        return new Period(from, null);
    }

    /** From {@code from} inclusive to {@code toExclusive} exclusive; a null end means open-ended. */
    public static Period between(LocalDate from, LocalDate toExclusive) {
        return new Period(from, toExclusive);
    }

    public LocalDate from() {
        return from;
    }

    /** The first day on which the fact no longer holds, or null if open-ended. */
    public LocalDate to() {
        return to;
    }

    public Optional<LocalDate> end() {
        return Optional.ofNullable(to);
    }

    public boolean isOpenEnded() {
        return to == null;
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(from) && (to == null || date.isBefore(to));
    }

    /** True if at least one day belongs to both periods. */
    public boolean overlaps(Period other) {
        boolean thisStartsBeforeOtherEnds = other.to == null || from.isBefore(other.to);
        boolean otherStartsBeforeThisEnds = to == null || other.from.isBefore(to);
        return thisStartsBeforeOtherEnds && otherStartsBeforeThisEnds;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Period p && p.from.equals(from) && Objects.equals(p.to, to);
    }

    @Override
    public int hashCode() {
        return Objects.hash(from, to);
    }

    @Override
    public String toString() {
        return "[" + from + ", " + (to == null ? "…" : to.toString()) + ")";
    }
}
