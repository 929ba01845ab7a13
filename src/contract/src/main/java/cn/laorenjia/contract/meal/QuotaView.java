package cn.laorenjia.settlement.ledger.service;

import java.time.LocalDate;

/**
 * What the senior display shows: subsidised meals used and left today and this week, across all canteens.
 * {@code secondCheckRequired}: the senior was identified by a printed code; the cashier checks a second factor.
 */
public record QuotaView(String nameMasked, String idNumberMasked, LocalDate date, String week, int usedToday,
                        int remainingToday, int usedThisWeek, int remainingThisWeek, String ruleVersion,
                        String announcementZh, boolean secondCheckRequired) {
}
