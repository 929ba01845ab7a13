package cn.laorenjia.contract.counter;

import cn.laorenjia.contract.json.MoneyJson;
import cn.laorenjia.contract.meal.MealAuthorisation;
import cn.laorenjia.contract.meal.RefusalReason;
import cn.laorenjia.core.money.Money;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.LocalDate;
import java.util.List;

/**
 * POST /api/counter/preview. What the meal would be if confirmed now, decided exactly as the ledger decides a
 * sale, with nothing recorded. When not subsidised, {@code refusalCode}/{@code refusalMessage} are the very code
 * and message the ledger would answer, and the senior pays the full price. The counter shows its offline
 * decisions in this shape too.
 *
 * @param identifiedBy      CARD, QR or MANUAL
 * @param needsSecondCheck  the credential only names the senior (a printed QR code, or a lookup by ID
 *                          number): the cashier should look at the senior or their ID card before confirming
 * @param remainingToday    subsidised meals left today after this one (before it, when not subsidised)
 * @param remainingThisWeek subsidised meals left this week after this one (before it, when not subsidised)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MealPreview(MealAuthorisation.SeniorView senior, String identifiedBy, boolean needsSecondCheck,
                          MealAuthorisation.MealSetView mealSet, LocalDate mealDate, String week,
                          boolean subsidised, @JsonProperty("priceFen") Money price,
                          @JsonProperty("discountFen") Money discount,
                          @JsonProperty("amountToPayFen") Money amountToPay,
                          int remainingToday, int remainingThisWeek,
                          String ruleVersion, String announcementZh, String refusalCode, String refusalMessage,
                          List<RefusalReason> reasons) {

    @JsonProperty("price")
    public String priceYuan() {
        return MoneyJson.yuan(price);
    }

    @JsonProperty("discount")
    public String discountYuan() {
        return MoneyJson.yuan(discount);
    }

    @JsonProperty("amountToPay")
    public String amountToPayYuan() {
        return MoneyJson.yuan(amountToPay);
    }
}
