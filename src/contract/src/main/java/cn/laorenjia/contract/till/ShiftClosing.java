package cn.laorenjia.contract.till;

import cn.laorenjia.core.money.Money;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * POST /api/counter/till/shifts/{shiftId}/close: the cashier counted the drawer and closed the shift; the counter's Z
 * report goes with it (sent after the shift's sales and voids). Idempotent by {@code shiftId}. The central keeps the
 * counter's report and answers its own, computed from the records it holds, so a difference shows at once.
 *
 * @param countedCash the cash counted in the drawer at the close ({@code countedCashFen})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ShiftClosing(UUID shiftId, OffsetDateTime closedAt, String cashier,
                           @JsonProperty("countedCashFen") Money countedCash, ZReport report) {
}
