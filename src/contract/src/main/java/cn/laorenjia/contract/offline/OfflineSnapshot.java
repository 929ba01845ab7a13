package cn.laorenjia.settlement.offline.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a counter keeps to decide while the network is down: the enrolled seniors eligible on {@code date}, their
 * active cards, and the quota they had used when the copy was made. Identity is masked as on every counter
 * answer; card identifiers are identifiers, not secrets (a UID alone proves nothing).
 */
public record OfflineSnapshot(String canteenCode, LocalDate date, String week, Instant generatedAt, String ruleVersion,
                              int perDay, int perWeek, long subsidyFen, List<SeniorEntry> seniors) {

    public record SeniorEntry(long seniorId, String nameMasked, String idNumberMasked, List<String> routesZh,
                              int usedToday, int usedThisWeek, List<CardEntry> cards) {
    }

    /** @param kind UID, SOCIAL_SECURITY or PRINTED_QR; {@code cardId} is what a signed printed code names */
    public record CardEntry(long cardId, String kind, String identifier) {
    }
}
