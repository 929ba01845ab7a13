package cn.laorenjia.settlement.supervision.service;

import java.util.List;

/**
 * The anomaly cases of one canteen, for its profile page. Implemented by the anomaly cases' module (issue 19, point
 * 1) when it is there; the profile shows a placeholder while no bean implements it.
 */
public interface CanteenCases {

    /** A case as the profile lists it: already in Chinese, no senior named (the case page has the evidence). */
    record CaseLine(String href, String rule, String state, String openedOn, String summary) {
    }

    /** The canteen's cases, newest first, at most {@code limit}; only those the caller's area scope covers. */
    List<CaseLine> forCanteen(long canteenId, int limit);
}
