package cn.laorenjia.settlement.supervision.service;

import java.util.List;

/** The anomaly cases of one canteen, for its profile page (implemented by {@link SupervisionCases}). */
public interface CanteenCases {

    /** A case as the profile lists it: already in Chinese, no senior named (the case page has the evidence). */
    record CaseLine(String href, String rule, String state, String openedOn, String summary) {
    }

    /** The canteen's cases in the queue's order (undecided first), at most {@code limit}; only within the caller's area. */
    List<CaseLine> forCanteen(long canteenId, int limit);
}
