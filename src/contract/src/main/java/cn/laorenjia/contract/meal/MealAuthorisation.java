package cn.laorenjia.contract.meal;

import cn.laorenjia.contract.json.MoneyJson;
import cn.laorenjia.core.money.Money;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The answer to a subsidised sale, stored with the ledger entry and replayed verbatim to a retry.
 * Identity is masked: the counter needs to recognise the senior, not to read their ID number.
 * Amounts travel as fen ({@code priceFen}); {@code price}, {@code discount} and {@code amountToPay} are the same
 * amounts in yuan text for the people at the counter.
 *
 * <p>The counter also shows its own offline sales in this shape, with status {@code OFFLINE_PENDING} or
 * {@code OFFLINE_FULL_PRICE}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MealAuthorisation(
        UUID saleId,
        String status,
        SeniorView senior,
        String canteenCode,
        String terminalCode,
        MealSetView mealSet,
        LocalDate mealDate,
        String week,
        @JsonProperty("priceFen") Money price,
        @JsonProperty("discountFen") Money discount,
        @JsonProperty("amountToPayFen") Money amountToPay,
        @JsonProperty("operatingSubsidyFen") Money operatingSubsidy,
        int remainingToday,
        int remainingThisWeek,
        String ruleVersion,
        String announcementZh,
        Instant occurredAt,
        boolean secondCheckRequired) {

    /** Shown to the cashier when {@code secondCheckRequired}: a printed code only identifies. */
    public static final String SECOND_CHECK_ZH = "纸质二维码仅用于识别，请核对老人身份证或照片后再确认";

    public static final String SUBSIDISED = "SUBSIDISED";

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

    /**
     * The senior as the counter shows them: masked name and ID number, and only whether they meet the conditions of
     * the meal assistance, never which (低保, 特困, a disability, ...): the cashier needs to know the meal qualifies,
     * not the senior's circumstances.
     *
     * @param eligible     some eligibility route applies on the meal date
     * @param eligibilityZh {@link #ELIGIBLE_ZH} or {@link #NOT_ELIGIBLE_ZH}, the words the counter shows
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SeniorView(String nameMasked, String idNumberMasked, boolean eligible, String eligibilityZh) {

        public static final String ELIGIBLE_ZH = "符合助餐条件";
        public static final String NOT_ELIGIBLE_ZH = "不符合助餐条件";

        public static SeniorView of(String nameMasked, String idNumberMasked, boolean eligible) {
            return new SeniorView(nameMasked, idNumberMasked, eligible, eligible ? ELIGIBLE_ZH : NOT_ELIGIBLE_ZH);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MealSetView(String code, String name, String slot) {
    }
}
