package cn.laorenjia.settlement.supervision.service;

/**
 * One rule's finding about one subject in the scanned month: the measured score, the threshold it reached, the meals
 * it is about and a short summary in Chinese. {@code district}/{@code subdistrict}: the canteen's (the senior's home
 * for MANY_CANTEENS), for scoping.
 */
public record Finding(AnomalyRule rule, Long canteenId, String cashierNumber, Long seniorId, String district,
                      String subdistrict, double score, double threshold, long meals, String summaryZh) {
}
