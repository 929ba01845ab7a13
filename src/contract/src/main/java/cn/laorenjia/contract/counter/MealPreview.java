package cn.laorenjia.settlement.counter.service;

import cn.laorenjia.settlement.ledger.service.MealAuthorisation;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the meal would be if confirmed now, decided exactly as the ledger decides a sale, with nothing
 * recorded. When not subsidised, {@code refusalCode}/{@code refusalMessage} are the very code and message
 * the ledger would answer, and the senior pays the full price.
 *
 * @param identifiedBy      CARD, QR or MANUAL
 * @param needsSecondCheck  the credential only names the senior (a printed QR code, or a lookup by ID
 *                          number): the cashier should look at the senior or their ID card before confirming
 * @param remainingToday    subsidised meals left today after this one (before it, when not subsidised)
 * @param remainingThisWeek subsidised meals left this week after this one (before it, when not subsidised)
 */
public record MealPreview(MealAuthorisation.SeniorView senior, String identifiedBy, boolean needsSecondCheck,
                          MealAuthorisation.MealSetView mealSet, LocalDate mealDate, String week,
                          boolean subsidised, long priceFen, long discountFen, long amountToPayFen, String price,
                          String discount, String amountToPay, int remainingToday, int remainingThisWeek,
                          String ruleVersion, String announcementZh, String refusalCode, String refusalMessage,
                          List<Map<String, String>> reasons) {
}
