package cn.laorenjia.settlement.replay.service;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** The meal dates a replay covers, both ends included (Asia/Shanghai dates, as the ledger keeps them). */
public record ReplayPeriod(LocalDate from, LocalDate to) {

    /** A year is the longest comparison anyone asks for; longer would hold the database for minutes. */
    public static final int MAX_DAYS = 366;

    public ReplayPeriod {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the period ends before it starts");
        }
        if (days(from, to) > MAX_DAYS) {
            throw new IllegalArgumentException("a replay covers at most " + MAX_DAYS + " days");
        }
    }

    public long days() {
        return days(from, to);
    }

    /** The day after the period: where a version replayed over it stops being in force. */
    public LocalDate endExclusive() {
        return to.plusDays(1);
    }

    private static long days(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }
}
