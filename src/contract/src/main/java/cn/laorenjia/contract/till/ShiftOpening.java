package cn.laorenjia.contract.till;

import cn.laorenjia.core.money.Money;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * POST /api/counter/till/shifts: a cashier opened a shift at this counter with a float in the drawer. Idempotent by
 * {@code shiftId}, generated and journalled by the counter.
 *
 * @param cashier      the number of the cashier who opened it
 * @param openingFloat the cash counted into the drawer at the start ({@code floatFen})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ShiftOpening(UUID shiftId, OffsetDateTime openedAt, String cashier,
                           @JsonProperty("floatFen") Money openingFloat) {
}
