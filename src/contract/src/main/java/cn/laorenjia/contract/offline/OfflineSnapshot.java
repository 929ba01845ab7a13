package cn.laorenjia.contract.offline;

import cn.laorenjia.core.money.Money;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * GET /api/counter/offline/snapshot. What a counter keeps to decide while the network is down: the enrolled
 * seniors eligible on {@code date}, their active cards, and the quota they had used when the copy was made.
 * Identity is masked as on every counter answer; card identifiers are identifiers, not secrets (a UID alone
 * proves nothing).
 *
 * @param subsidy the discount per subsidised meal ({@code subsidyFen})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OfflineSnapshot(String canteenCode, LocalDate date, String week, Instant generatedAt, String ruleVersion,
                              int perDay, int perWeek, @JsonProperty("subsidyFen") Money subsidy,
                              List<SeniorEntry> seniors) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SeniorEntry(long seniorId, String nameMasked, String idNumberMasked, List<String> routesZh,
                              int usedToday, int usedThisWeek, List<CardEntry> cards) {
    }

    /** @param kind UID, SOCIAL_SECURITY or PRINTED_QR; {@code cardId} is what a signed printed code names */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CardEntry(long cardId, String kind, String identifier) {
    }
}
