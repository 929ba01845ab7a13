package cn.laorenjia.contract.meal;

import cn.laorenjia.core.money.Money;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * POST /api/meals: a counter's request to sell a subsidised meal. Plain data: the central checks every field and
 * answers INVALID_REQUEST / MALFORMED_REQUEST naming what is wrong.
 *
 * @param saleId      generated and journalled by the counter before the first attempt: the idempotency key
 * @param occurredAt  when the sale happened at the counter (Beijing time, with its offset)
 * @param mealSetCode the set chosen from the canteen's menu
 * @param price       the set's price the counter showed ({@code priceFen}); refused if the menu has changed
 * @param cashier     the number of the cashier signed in at the counter (recorded with the sale); null from API
 *                    clients that are not a counter
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthoriseMealRequest(UUID saleId, OffsetDateTime occurredAt, IdentificationRequest identification,
                                   String mealSetCode, @JsonProperty("priceFen") Money price,
                                   String cashier) {

    /** A sale no cashier signed for (API clients, tests of the decision alone). */
    public AuthoriseMealRequest(UUID saleId, OffsetDateTime occurredAt, IdentificationRequest identification,
                                String mealSetCode, Money price) {
        this(saleId, occurredAt, identification, mealSetCode, price, null);
    }

    /** The same sale, signed for by this cashier. */
    public AuthoriseMealRequest byCashier(String cashierNumber) {
        return new AuthoriseMealRequest(saleId, occurredAt, identification, mealSetCode, price, cashierNumber);
    }
}
