package cn.laorenjia.settlement.ledger.service;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A terminal's request to sell a subsidised meal.
 *
 * @param saleId         generated and stored by the terminal before sending: the idempotency key
 * @param occurredAt     when the sale happened at the counter
 * @param mealSetCode    the set chosen from the canteen's menu
 * @param expectedPriceFen the price the terminal showed; refused if the menu has changed since
 */
public record AuthoriseMeal(UUID saleId, Instant occurredAt, Identification identification, String mealSetCode,
                            long expectedPriceFen) {

    public AuthoriseMeal {
        Objects.requireNonNull(saleId, "saleId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(identification, "identification");
        if (mealSetCode == null || mealSetCode.isBlank() || mealSetCode.length() > 32) {
            throw new IllegalArgumentException("mealSetCode must be 1–32 characters");
        }
        if (expectedPriceFen < 0 || expectedPriceFen > 1_000_000) {
            throw new IllegalArgumentException("expectedPriceFen must be between 0 and 1000000");
        }
    }

    /** What makes two requests "the same request": everything the terminal said, in a fixed order. */
    String canonical() {
        return String.join("\n", "SALE", saleId.toString(), Long.toString(occurredAt.toEpochMilli()),
                identification.canonical(), mealSetCode, Long.toString(expectedPriceFen));
    }
}
