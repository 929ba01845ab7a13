package cn.laorenjia.contract.offline;

import cn.laorenjia.contract.meal.MealAuthorisation;
import cn.laorenjia.core.money.Money;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.UUID;

/**
 * The central's answer to one synced offline sale. The terminal removes the sale from its queue on any of these
 * answers: each is final, and a resend of the same sale id gets the same answer.
 *
 * @param status        SUBSIDISED (recorded within quota, or a live attempt that had landed), OFFLINE_CONFLICT
 *                      (recorded; the district reimburses the discount, no operating subsidy), REJECTED (not
 *                      reimbursed: the canteen bears {@code canteenBears}), NOT_RECORDED (the terminal did not
 *                      subsidise it and nothing is on record), REFUSED (the id was used for a different sale)
 * @param authorisation the recorded meal, for SUBSIDISED and OFFLINE_CONFLICT
 * @param code          why, for OFFLINE_CONFLICT, REJECTED and REFUSED
 * @param messageZh     for the canteen, in Chinese
 * @param canteenBears  what the canteen bears for a REJECTED sale ({@code canteenBearsFen})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OfflineSaleResult(UUID saleId, String status, MealAuthorisation authorisation, String code,
                                String messageZh, @JsonProperty("canteenBearsFen") Money canteenBears) {

    public static final String OFFLINE_CONFLICT = "OFFLINE_CONFLICT";
    public static final String REJECTED = "REJECTED";
    public static final String NOT_RECORDED = "NOT_RECORDED";
    public static final String REFUSED = "REFUSED";

    public static OfflineSaleResult of(MealAuthorisation recorded) {
        return new OfflineSaleResult(recorded.saleId(), recorded.status(), recorded, null, recorded.announcementZh(),
                Money.ZERO);
    }

    public static OfflineSaleResult conflict(MealAuthorisation recorded, String reasonCode) {
        return new OfflineSaleResult(recorded.saleId(), OFFLINE_CONFLICT, recorded, reasonCode,
                recorded.announcementZh(), Money.ZERO);
    }

    public static OfflineSaleResult rejected(UUID saleId, String code, String messageZh, long canteenBearsFen) {
        return new OfflineSaleResult(saleId, REJECTED, null, code, messageZh, Money.ofFen(canteenBearsFen));
    }

    public static OfflineSaleResult notRecorded(UUID saleId) {
        return new OfflineSaleResult(saleId, NOT_RECORDED, null, null, "未享受补贴的离线交易，无需记账", Money.ZERO);
    }

    public static OfflineSaleResult refused(UUID saleId, String code, String messageZh) {
        return new OfflineSaleResult(saleId, REFUSED, null, code, messageZh, Money.ZERO);
    }
}
