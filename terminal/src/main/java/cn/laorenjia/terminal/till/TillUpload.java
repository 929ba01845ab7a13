package cn.laorenjia.terminal.till;

import cn.laorenjia.contract.till.TillSale;
import cn.laorenjia.contract.till.TillVoid;
import cn.laorenjia.terminal.settlement.SettlementClient;
import cn.laorenjia.terminal.settlement.SettlementException;
import cn.laorenjia.contract.till.ShiftClosed;
import cn.laorenjia.contract.till.TillRecordAnswer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Uploads the till journal's records to the central in journal order (shift opened, sales, voids, shift closed), each
 * resent with its own id until the central answers it finally: accepted (or a duplicate of what it holds), or refused
 * (kept here with the refusal; the Z report still counts it). Consecutive sales (or voids) go in one batch; a batch
 * refused as a whole is sent again one record at a time to find the one refused.
 */
public final class TillUpload {

    static final int BATCH = 50;
    /** Answers after which the record is tried again later: no final answer yet (the central may not have the path). */
    private static final Set<Integer> TRY_AGAIN = Set.of(401, 404, 405, 408, 429);
    /** A 404 that names what it did not find is the central's final word on the record, not a missing path. */
    private static final Set<String> FINAL_NOT_FOUND = Set.of("TILL_SHIFT_UNKNOWN", "UNKNOWN_SALE");

    private final TillJournal journal;
    private final SettlementClient central;

    public TillUpload(TillJournal journal, SettlementClient central) {
        this.journal = journal;
        this.central = central;
    }

    /**
     * Sends what waits until nothing is left; returns how many records the central answered.
     *
     * @throws SettlementException when the central gave no final answer (unreachable, a server error, an answer that
     *                             is not the contract's): the records stay queued for the next round
     */
    public int uploadNow() {
        int answered = 0;
        int limit = BATCH;
        while (true) {
            List<TillJournal.Unsent> next = journal.unsent(limit);
            if (next.isEmpty()) {
                return answered;
            }
            TillJournal.Unsent first = next.get(0);
            try {
                if (first.opening() != null) {
                    central.openShift(first.opening());
                    journal.sent(List.of(first.key()), "ACCEPTED", null, null);
                    answered++;
                } else if (first.closing() != null) {
                    ShiftClosed closed = central.closeShift(first.closing());
                    if (closed.agrees()) {
                        journal.sent(List.of(first.key()), "ACCEPTED", null, null);
                    } else {
                        // kept at the central beside its own report; the counter's journal says where they part
                        journal.sent(List.of(first.key()), "DISAGREES", "Z_REPORT_DIFFERS",
                                "结算中心核算的交班报表与本机不一致：" + String.join("、", closed.differences()));
                    }
                    answered++;
                } else if (first.sale() != null) {
                    List<TillJournal.Unsent> batch = run(next, u -> u.sale() != null);
                    List<TillSale> sales = batch.stream().map(TillJournal.Unsent::sale).toList();
                    answered += record(batch, central.tillSales(sales));
                } else {
                    List<TillJournal.Unsent> batch = run(next, u -> u.voided() != null);
                    List<TillVoid> voids = batch.stream().map(TillJournal.Unsent::voided).toList();
                    answered += record(batch, central.tillVoids(voids));
                }
            } catch (SettlementException e) {
                if (!isFinal(e)) {
                    throw e;
                }
                int sent = first.sale() != null || first.voided() != null ? run(next, u -> sameKind(first, u)).size() : 1;
                if (sent > 1) {
                    limit = 1; // one bad record refused the whole batch: one at a time finds it
                    continue;
                }
                journal.sent(List.of(first.key()), "REFUSED", e.code(), e.messageZh());
                answered++;
            }
        }
    }

    private static boolean sameKind(TillJournal.Unsent a, TillJournal.Unsent b) {
        return (a.sale() != null) == (b.sale() != null) && (a.voided() != null) == (b.voided() != null);
    }

    /** The central's refusal of the request itself is final; no answer, a server error or a missing path is not. */
    static boolean isFinal(SettlementException e) {
        if (e.outcomeUnknown() || SettlementException.BAD_ANSWER.equals(e.code())
                || SettlementException.NOT_CONFIGURED.equals(e.code())
                || SettlementException.CENTRAL_NOT_TRUSTED.equals(e.code())) {
            return false;
        }
        if (e.status() == 404 && FINAL_NOT_FOUND.contains(e.code())) {
            return true;
        }
        return e.status() >= 400 && e.status() < 500 && !TRY_AGAIN.contains(e.status());
    }

    private static List<TillJournal.Unsent> run(List<TillJournal.Unsent> next, Function<TillJournal.Unsent, Boolean> kind) {
        List<TillJournal.Unsent> batch = new ArrayList<>();
        for (TillJournal.Unsent u : next) {
            if (!kind.apply(u)) {
                break;
            }
            batch.add(u);
        }
        return batch;
    }

    /** One answer per record, in order: REFUSED keeps its code and message; anything else is accepted. */
    private int record(List<TillJournal.Unsent> batch, List<TillRecordAnswer> answers) {
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            TillRecordAnswer a = answers.get(i);
            if (TillRecordAnswer.REFUSED.equals(a.outcome())) {
                journal.sent(List.of(batch.get(i).key()), TillRecordAnswer.REFUSED, a.code(), a.message());
            } else {
                accepted.add(batch.get(i).key());
            }
        }
        journal.sent(accepted, "ACCEPTED", null, null);
        return batch.size();
    }
}
