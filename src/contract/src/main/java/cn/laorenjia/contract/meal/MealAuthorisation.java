package cn.laorenjia.settlement.ledger.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The answer to a subsidised sale, stored with the ledger entry and replayed verbatim to a retry.
 * Identity is masked: the counter needs to recognise the senior, not to read their ID number.
 */
public record MealAuthorisation(
        UUID saleId,
        String status,
        SeniorView senior,
        String canteenCode,
        String terminalCode,
        MealSetView mealSet,
        LocalDate mealDate,
        String week,
        long priceFen,
        long discountFen,
        long amountToPayFen,
        long operatingSubsidyFen,
        String price,
        String discount,
        String amountToPay,
        int remainingToday,
        int remainingThisWeek,
        String ruleVersion,
        String announcementZh,
        Instant occurredAt,
        boolean secondCheckRequired) {

    /** Shown to the cashier when {@code secondCheckRequired}: a printed code only identifies. */
    public static final String SECOND_CHECK_ZH = "纸质二维码仅用于识别,请核对老人身份证或照片后再确认";

    public static final String SUBSIDISED = "SUBSIDISED";

    public record SeniorView(String nameMasked, String idNumberMasked, List<String> routes, List<String> routesZh) {
    }

    public record MealSetView(String code, String name, String slot) {
    }
}
