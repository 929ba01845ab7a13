package cn.laorenjia.contract.till;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.UUID;

/**
 * The central's answer to one record of a till batch (POST /api/counter/till/sales and /voids answer one per record,
 * in the order sent). Every outcome is final for that record: the counter drops it from its queue. A REFUSED record
 * left nothing at the central; the counter keeps it in its own journal (its Z report still counts it, so the two
 * reports then disagree, which the closing shows). A batch is never refused as a whole for one bad record; only a
 * malformed request (not a JSON list, more than {@code MAX_RECORDS}) is answered 400 as a whole.
 *
 * @param id      the record's id (saleId or voidId)
 * @param outcome {@link #ACCEPTED} (recorded now), {@link #DUPLICATE} (recorded before with the same content) or
 *                {@link #REFUSED} (not recorded: {@code code} and the Chinese {@code message} say why)
 * @param ledger  for a sale: {@code CONFIRMED} (its subsidised claim matches its ledger entry), {@code UNCONFIRMED}
 *                (subsidised, no ledger entry yet: an offline sale not synced yet) or {@code NONE} (full price); null
 *                for a void or a refusal
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TillRecordAnswer(UUID id, String outcome, String code, String message, String ledger) {

    public static final String ACCEPTED = "ACCEPTED";
    public static final String DUPLICATE = "DUPLICATE";
    public static final String REFUSED = "REFUSED";

    /** The most records one batch may carry. */
    public static final int MAX_RECORDS = 200;

    public static TillRecordAnswer accepted(UUID id, String ledger) {
        return new TillRecordAnswer(id, ACCEPTED, null, null, ledger);
    }

    public static TillRecordAnswer duplicate(UUID id, String ledger) {
        return new TillRecordAnswer(id, DUPLICATE, null, null, ledger);
    }

    public static TillRecordAnswer refused(UUID id, String code, String message) {
        return new TillRecordAnswer(id, REFUSED, code, message, null);
    }
}
