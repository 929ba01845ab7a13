package cn.laorenjia.contract.meal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.LocalDate;

/**
 * What the senior display shows: subsidised meals used and left today and this week, across all canteens.
 * {@code secondCheckRequired}: the senior was identified by a printed code; the cashier checks a second factor.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QuotaView(String nameMasked, String idNumberMasked, LocalDate date, String week, int usedToday,
                        int remainingToday, int usedThisWeek, int remainingThisWeek, String ruleVersion,
                        String announcementZh, boolean secondCheckRequired) {
}
