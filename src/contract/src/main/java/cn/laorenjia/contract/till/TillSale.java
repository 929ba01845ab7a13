package cn.laorenjia.contract.till;

import cn.laorenjia.contract.meal.IdentificationRequest;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.till.Tender;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * POST /api/counter/till/sales (a batch, in the order made): one meal sold at the till, subsidised or at full price,
 * with its tender and change. Idempotent by {@code saleId}. A subsidised sale carries the sale id of its ledger entry
 * (POST /api/meals, or the offline sync), and the central checks it against that entry; a full-price sale is in no
 * ledger and the central pays nothing for it: it is recorded so that every meal the canteen served is known.
 *
 * @param discount       zero for a full-price sale ({@code discountFen})
 * @param amountDue      price less discount ({@code amountDueFen})
 * @param tendered       what the customer handed over ({@code tenderedFen})
 * @param change         tendered less due ({@code changeFen}); only cash gets change
 * @param offline        decided by the counter while the central could not be reached
 * @param identifiedBy   how the customer was identified: CARD, QR, MANUAL, or null for a customer who was not (a
 *                       walk-in paying full price)
 * @param identification the identification as the counter presented it for the preview, or null; the central
 *                       resolves the senior from it where it can without using anything up
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TillSale(UUID saleId, UUID shiftId, OffsetDateTime occurredAt, String cashier, String mealSetCode,
                       @JsonProperty("priceFen") Money price, @JsonProperty("discountFen") Money discount,
                       @JsonProperty("amountDueFen") Money amountDue, Tender tender,
                       @JsonProperty("tenderedFen") Money tendered, @JsonProperty("changeFen") Money change,
                       boolean subsidised, boolean offline, String identifiedBy,
                       IdentificationRequest identification) {
}
