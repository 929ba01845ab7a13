package cn.laorenjia.contract.meal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.LocalDate;
import java.util.List;

/**
 * What the senior display shows: subsidised meals used and left today and this week, across all canteens.
 * {@code secondCheckRequired}: the senior was identified by a printed code; the cashier checks a second factor.
 *
 * <p>Eligibility today comes first: {@code eligible} false when the core's eligibility decision refuses the senior
 * today (applied but not approved, suspended, withdrawn, deceased, in an institution, ...); then {@code code} names
 * the refusal as a sale would (NOT_ENROLLED, NOT_ELIGIBLE), {@code announcementZh} says so in Chinese, the remaining
 * figures are 0 and {@code reasons} lists the core's reasons that may be shown at a counter. Added after the first
 * version: a reader of the old shape ignores them (and an old answer reads as eligible null).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QuotaView(String nameMasked, String idNumberMasked, LocalDate date, String week, int usedToday,
                        int remainingToday, int usedThisWeek, int remainingThisWeek, String ruleVersion,
                        String announcementZh, boolean secondCheckRequired,
                        Boolean eligible, String code, List<RefusalReason> reasons) {

    /** The first version's shape: eligibility not stated. */
    public QuotaView(String nameMasked, String idNumberMasked, LocalDate date, String week, int usedToday,
                     int remainingToday, int usedThisWeek, int remainingThisWeek, String ruleVersion,
                     String announcementZh, boolean secondCheckRequired) {
        this(nameMasked, idNumberMasked, date, week, usedToday, remainingToday, usedThisWeek, remainingThisWeek,
                ruleVersion, announcementZh, secondCheckRequired, null, null, null);
    }
}
