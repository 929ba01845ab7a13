package cn.laorenjia.contract.meal;

import cn.laorenjia.contract.json.MoneyJson;
import cn.laorenjia.core.money.Money;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The answer to a void: the sale reversed, the amounts given back, the quota returned. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MealVoid(UUID voidId, UUID saleId, String status, LocalDate mealDate,
                       @JsonProperty("discountFen") Money discount,
                       @JsonProperty("operatingSubsidyFen") Money operatingSubsidy,
                       @JsonProperty("refundFen") Money refund,
                       int remainingToday, int remainingThisWeek, String announcementZh, Instant occurredAt) {

    public static final String VOIDED = "VOIDED";

    /** What the cashier gives back, in yuan text. */
    @JsonProperty("refund")
    public String refundYuan() {
        return MoneyJson.yuan(refund);
    }
}
