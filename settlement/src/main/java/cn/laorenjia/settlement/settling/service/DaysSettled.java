package cn.laorenjia.settlement.settling.service;

import java.time.LocalDate;

/**
 * Fired, synchronously, after a settlement run over {@code from..to} has committed: what is settled for those
 * days may have changed, so whatever is drawn from it (the months' draft statements) follows. An observer's
 * failure reaches whoever asked for the run; the run itself stays committed.
 */
public record DaysSettled(LocalDate from, LocalDate to) {
}
