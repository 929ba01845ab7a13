package cn.laorenjia.contract.till;

import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.till.Tender;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * POST /api/counter/till/voids (a batch): a sale of this counter voided at the till and refunded in full by the tender
 * it was paid with. Idempotent by {@code voidId}. A subsidised sale's ledger void is POST /api/meals/{saleId}/void as
 * before; this record adds who, why and the refund to the till's history, full-price sales included.
 *
 * @param shiftId the shift in which the void was made (the refund leaves that shift's drawer)
 * @param reason  the reason the cashier chose or typed, at most 200 characters
 * @param refund  what was given back ({@code refundFen}): the sale's amount due
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TillVoid(UUID voidId, UUID saleId, UUID shiftId, OffsetDateTime occurredAt, String cashier,
                       String reason, @JsonProperty("refundFen") Money refund, Tender tender) {
}
