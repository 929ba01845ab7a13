package cn.laorenjia.contract.offline;

import cn.laorenjia.contract.json.ContractJson;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.Eligibility;
import cn.laorenjia.core.policy.EligibilityRoute;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.policy.Reason;
import cn.laorenjia.core.policy.ReasonCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The offline copy on the wire: the central's assessment of each senior and the version's id and figures, no age,
 * read back into the core's values; an older copy or one from a newer central reads, but holds no assessment.
 */
class OfflineSnapshotJsonTest {

    private static final PolicyVersion TIANJIN_2024 = PolicyCatalog.loadDefault().book("baodi").version("tianjin-2024")
            .orElseThrow();
    private static final LocalDate MONDAY = LocalDate.of(2024, 5, 13);
    private static final Instant MADE = Instant.parse("2024-05-12T22:00:00Z");

    private final ObjectMapper json = ContractJson.mapper();

    private static final CardKey KEY = CardKey.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    private static OfflineSnapshot copyWith(Eligibility assessed) {
        return OfflineSnapshot.under(TIANJIN_2024, "baodi", MONDAY, MADE, 1, KEY, List.of(
                OfflineSnapshot.SeniorEntry.of(7, "张*珍", "120224********0013", assessed, 0, 2,
                        List.of(OfflineSnapshot.CardEntry.of(KEY, "UID", "04A1B2C3D4E5F6")))));
    }

    @Test
    void cardsTravelAsKeyedHashesTheCounterMatchesWithTheCopysKey() throws Exception {
        OfflineSnapshot copy = copyWith(Eligibility.asAssessed(MONDAY, "tianjin-2024",
                Set.of(EligibilityRoute.AGE_80_LOCAL), List.of()));
        String text = json.writeValueAsString(copy);
        assertFalse(text.contains("04A1B2C3D4E5F6"), text);
        OfflineSnapshot read = json.readValue(text, OfflineSnapshot.class);
        CardKey key = read.key().orElseThrow();
        assertEquals(read.seniors().get(0).cards().get(0).hash(), key.hash("UID", "04A1B2C3D4E5F6"));
        assertEquals(11, key.hash("UID", "04A1B2C3D4E5F6").length(), "8 bytes, base64url");
        CardKey other = CardKey.of("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));
        assertFalse(other.hash("UID", "04A1B2C3D4E5F6").equals(key.hash("UID", "04A1B2C3D4E5F6")),
                "another day's or jurisdiction's key makes other hashes");
        assertFalse(key.hash("UID", "1").equals(key.hash("PRINTED_QR", "1")), "the kind is part of the hash");
        assertFalse(KEY.toString().contains(KEY.text()));
    }

    @Test
    void aDeltaAppliesToItsBaseOnly() {
        Eligibility ok = Eligibility.asAssessed(MONDAY, "tianjin-2024", Set.of(EligibilityRoute.AGE_80_LOCAL), List.of());
        OfflineSnapshot v1 = OfflineSnapshot.under(TIANJIN_2024, "baodi", MONDAY, MADE, 1, KEY, List.of(
                OfflineSnapshot.SeniorEntry.of(7, "张*珍", "x", ok, 0, 0, List.of()),
                OfflineSnapshot.SeniorEntry.of(8, "李*", "y", ok, 0, 0, List.of())));
        OfflineSnapshot v2 = OfflineSnapshot.under(TIANJIN_2024, "baodi", MONDAY, MADE.plusSeconds(60), 2, KEY, List.of(
                OfflineSnapshot.SeniorEntry.of(7, "张*珍", "x", ok, 1, 1, List.of()),
                OfflineSnapshot.SeniorEntry.of(9, "王*", "z", ok, 0, 0, List.of())));
        OfflineSnapshot delta = v2.deltaFrom(1, List.of(v2.seniors().get(0), v2.seniors().get(1)), List.of(8L));
        assertTrue(delta.isDelta());
        assertEquals(v2, v1.applying(delta));
        assertThrows(IllegalArgumentException.class, () -> v2.applying(delta), "a delta from version 1 only");
        assertEquals(v2, v1.applying(v2), "a whole copy replaces");
    }

    @Test
    void theAssessmentAndTheVersionTravelAndReadBackAsTheCoreValues() throws Exception {
        Eligibility assessed = Eligibility.asAssessed(MONDAY, "tianjin-2024", 84, Set.of(EligibilityRoute.AGE_80_LOCAL),
                List.of());
        OfflineSnapshot copy = copyWith(assessed);

        JsonNode tree = json.readTree(json.writeValueAsString(copy));
        assertEquals("baodi", tree.path("jurisdiction").asText());
        assertEquals("tianjin-2024", tree.path("ruleVersion").asText());
        assertEquals("2024-W20", tree.path("week").asText());
        assertEquals(300, tree.path("subsidyFen").asInt());
        assertEquals(1, tree.path("perDay").asInt());
        assertEquals(5, tree.path("perWeek").asInt());
        // the seniors as columns, each distinct assessment once in a table they point into
        JsonNode seniors = tree.path("seniors");
        assertEquals(7, seniors.path("seniorId").path(0).asLong());
        assertEquals("张*珍", seniors.path("nameMasked").path(0).asText());
        assertEquals(0, seniors.path("assessment").path(0).asInt());
        JsonNode assessment = seniors.path("assessments").path(0);
        assertEquals("AGE_80_LOCAL", assessment.path("routes").path(0).asText());
        assertEquals(0, assessment.path("reasons").size());
        assertEquals("UID", seniors.path("cards").path(0).path(0).path(0).asText());
        // no more personal data than the decision needs: no age, no birth date, nothing derived
        assertFalse(seniors.toString().contains("84"), seniors.toString());
        assertFalse(seniors.has("age") || assessment.has("age") || seniors.has("routeNames"));

        OfflineSnapshot read = json.treeToValue(tree, OfflineSnapshot.class);
        assertEquals(copy, read);
        Eligibility back = read.seniors().get(0).assessment(read.date(), read.ruleVersion()).orElseThrow();
        assertTrue(back.isEligible());
        assertEquals(Set.of(EligibilityRoute.AGE_80_LOCAL), back.routes());
        assertEquals(MONDAY, back.date());
        assertEquals("tianjin-2024", back.policyVersionId());
        assertTrue(back.age().isEmpty());
        assertTrue(read.madeUnder(TIANJIN_2024));
    }

    @Test
    void manySeniorsShareTheAssessmentTableAndReadBackAsTheyWere() throws Exception {
        Eligibility age = Eligibility.asAssessed(MONDAY, "tianjin-2024", Set.of(EligibilityRoute.AGE_80_LOCAL), List.of());
        Eligibility care = Eligibility.asAssessed(MONDAY, "tianjin-2024",
                Set.of(EligibilityRoute.AGE_70_VISITING_CARE), List.of());
        List<OfflineSnapshot.SeniorEntry> seniors = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            seniors.add(OfflineSnapshot.SeniorEntry.of(100 + i, "王*" + i, "120224********" + (1000 + i),
                    i % 7 == 0 ? care : age, i % 2, i % 3,
                    i % 5 == 0 ? List.of() : List.of(OfflineSnapshot.CardEntry.of(KEY, "UID", "04" + i),
                            OfflineSnapshot.CardEntry.of(KEY, CardKey.PRINTED_CARD, String.valueOf(i)))));
        }
        seniors.add(new OfflineSnapshot.SeniorEntry(999, "赵*", "120224********9999", null, 0, 0, List.of()));
        OfflineSnapshot copy = OfflineSnapshot.under(TIANJIN_2024, "baodi", MONDAY, MADE, 1, KEY, seniors);
        JsonNode tree = json.readTree(json.writeValueAsString(copy));
        assertEquals(2, tree.path("seniors").path("assessments").size(), "two distinct assessments, each once");
        assertTrue(tree.path("seniors").path("assessment").path(50).isNull(), "a senior without one");
        assertEquals(copy, json.treeToValue(tree, OfflineSnapshot.class));
        OfflineSnapshot delta = copy.deltaFrom(0, seniors.subList(3, 5), List.of(7L));
        assertEquals(delta, json.readValue(json.writeValueAsString(delta), OfflineSnapshot.class));

        // columns of unequal length are no copy
        ((com.fasterxml.jackson.databind.node.ArrayNode) tree.path("seniors").path("usedToday")).remove(0);
        assertThrows(com.fasterxml.jackson.databind.JsonMappingException.class,
                () -> json.treeToValue(tree, OfflineSnapshot.class));
    }

    @Test
    void reasonsTravelWithTheRouteTheyConcern() throws Exception {
        Eligibility notEligible = Eligibility.asAssessed(MONDAY, "tianjin-2024", Set.of(), List.of(
                Reason.of(ReasonCode.NO_ROUTE), Reason.forRoute(ReasonCode.UNDER_AGE_FOR_ROUTE, EligibilityRoute.AGE_80_LOCAL)));
        OfflineSnapshot read = json.readValue(json.writeValueAsString(copyWith(notEligible)), OfflineSnapshot.class);
        Eligibility back = read.seniors().get(0).assessment(MONDAY, "tianjin-2024").orElseThrow();
        assertEquals(notEligible.reasons(), back.reasons());
        assertFalse(back.isEligible());
    }

    @Test
    void anOlderCopyOrOneFromANewerCentralReadsWithoutAnAssessment() throws Exception {
        String older = """
                {"canteenCode":"BD-01","date":"2024-05-13","week":"2024-W20","generatedAt":"2024-05-12T22:00:00Z",
                 "ruleVersion":"tianjin-2024","perDay":1,"perWeek":5,"subsidyFen":300,
                 "seniors":[{"seniorId":7,"nameMasked":"张*珍","idNumberMasked":"120224********0013",
                   "routesZh":["本市户籍80周岁及以上老年人"],"usedToday":0,"usedThisWeek":0,
                   "cards":[{"cardId":70,"kind":"UID","identifier":"04A1B2C3D4E5F6"}]}]}""";
        OfflineSnapshot read = json.readValue(older, OfflineSnapshot.class);
        assertEquals(null, read.jurisdiction());
        assertEquals(Optional.empty(), read.seniors().get(0).assessment(read.date(), read.ruleVersion()));
        assertEquals(List.of(), read.seniors().get(0).routeNames());

        String newer = older.replace("\"routesZh\":[\"本市户籍80周岁及以上老年人\"]",
                "\"eligibility\":{\"routes\":[\"AGE_120_ON_MARS\"],\"reasons\":[]}");
        OfflineSnapshot fromNewer = json.readValue(newer, OfflineSnapshot.class);
        assertEquals(Optional.empty(), fromNewer.seniors().get(0).assessment(MONDAY, "tianjin-2024"),
                "a route this counter does not know is no assessment to grant by");
        String nothing = older.replace("\"routesZh\":[\"本市户籍80周岁及以上老年人\"]",
                "\"eligibility\":{\"routes\":[],\"reasons\":[]}");
        assertEquals(Optional.empty(), json.readValue(nothing, OfflineSnapshot.class).seniors().get(0)
                .assessment(MONDAY, "tianjin-2024"), "neither a route nor a reason is not an assessment");
    }

    @Test
    void aCopyIsMadeUnderTheVersionInForceAndNamesItsFigures() {
        assertThrows(IllegalArgumentException.class, () -> OfflineSnapshot.under(TIANJIN_2024, "baodi",
                LocalDate.of(2019, 1, 1), MADE, 1, KEY, List.of()));
        OfflineSnapshot none = OfflineSnapshot.withoutPolicy("baodi", MONDAY, MADE, 1, KEY);
        assertEquals(null, none.ruleVersion());
        assertFalse(none.madeUnder(TIANJIN_2024));
        OfflineSnapshot copy = copyWith(Eligibility.asAssessed(MONDAY, "tianjin-2024",
                Set.of(EligibilityRoute.AGE_80_LOCAL), List.of()));
        OfflineSnapshot otherFigures = new OfflineSnapshot(copy.jurisdiction(), copy.date(),
                copy.week(), copy.generatedAt(), copy.ruleVersion(), copy.perDay(), copy.perWeek(),
                copy.subsidy().plus(Money.ofFen(100)), copy.version(), null, copy.cardKey(), copy.seniors(), null);
        assertFalse(otherFigures.madeUnder(TIANJIN_2024), "the counter's files say 3 yuan, the central 4");
    }
}
