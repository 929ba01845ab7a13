package cn.laorenjia.settlement.register.service;

import java.time.LocalDate;
import java.util.Map;

/**
 * Figures about the register for administrators and supervisors: no personal data.
 *
 * @param eligibleByRoute    seniors eligible on {@code asOf}, by the first route that applies
 * @param notEligibleByReason seniors not eligible on {@code asOf}, by each reason (a senior may count under several)
 */
public record RegisterSummary(LocalDate asOf, long canteens, long terminals, long mealSets, long seniors, long cards,
                              Map<String, Long> seniorsBySubdistrict, Map<String, Long> factsByKind,
                              Map<String, Long> eligibleByRoute, Map<String, Long> notEligibleByReason) {
}
