package cn.laorenjia.contract.offline;

import cn.laorenjia.contract.meal.AuthoriseMealRequest;
import cn.laorenjia.contract.meal.IdentificationRequest;
import cn.laorenjia.core.money.Money;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One sale the counter made while it could not reach the central (or whose live answer never came), as synced:
 * the sale as it was (or would have been) sent live, and whether the counter granted the subsidy.
 *
 * @param saleId  the same id as any live attempt of the sale
 * @param price   the set's price the counter charged by ({@code priceFen})
 * @param granted whether the counter gave the subsidy offline
 * @param cashier the number of the cashier signed in when the sale was made; null from API clients
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OfflineSaleRequest(UUID saleId, OffsetDateTime occurredAt, IdentificationRequest identification,
                                 String mealSetCode, @JsonProperty("priceFen") Money price, Boolean granted,
                                 String cashier) {

    public OfflineSaleRequest(UUID saleId, OffsetDateTime occurredAt, IdentificationRequest identification,
                              String mealSetCode, Money price, Boolean granted) {
        this(saleId, occurredAt, identification, mealSetCode, price, granted, null);
    }

    public static OfflineSaleRequest of(AuthoriseMealRequest sale, boolean granted) {
        return new OfflineSaleRequest(sale.saleId(), sale.occurredAt(), sale.identification(), sale.mealSetCode(),
                sale.price(), granted, sale.cashier());
    }

    /** The sale as a live authorisation request. */
    public AuthoriseMealRequest sale() {
        return new AuthoriseMealRequest(saleId, occurredAt, identification, mealSetCode, price, cashier);
    }
}
