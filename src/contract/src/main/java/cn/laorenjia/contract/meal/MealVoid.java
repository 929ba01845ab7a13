package cn.laorenjia.settlement.ledger.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The answer to a void: the sale reversed, the amounts given back, the quota returned. */
public record MealVoid(UUID voidId, UUID saleId, String status, LocalDate mealDate, long discountFen,
                       long operatingSubsidyFen, long refundFen, String refund, int remainingToday,
                       int remainingThisWeek, String announcementZh, Instant occurredAt) {

    public static final String VOIDED = "VOIDED";
}
