package cn.laorenjia.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.laorenjia.core.meal.MealSlot;
import cn.laorenjia.core.money.Money;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class PolicyVersionTest {

    private static PolicyVersion.Builder valid(String id, LocalDate from, LocalDate until) {
        return PolicyVersion.builder()
                .id(id).jurisdiction("t").titleZh("测试")
                .effectiveFrom(from).effectiveUntil(until)
                .sources(List.of(new LegalSource("src", null, null, null)))
                .subsidyPerMeal(Money.ofYuan(3)).operatingSubsidyPerMeal(Money.ofYuan(2))
                .maxSubsidisedMealsPerDay(1).maxSubsidisedMealsPerWeek(1)
                .mealSlots(Set.of(MealSlot.LUNCH)).qualifyingDays(QualifyingDays.ALL_DAYS)
                .standardSet(new StandardSetRule(Money.ofYuan(13), 30))
                .route(RouteRule.minimumAge(EligibilityRoute.AGE_80_LOCAL, 80));
    }

    private static PolicyVersion v(String id, String from, String until) {
        return valid(id, LocalDate.parse(from), until == null ? null : LocalDate.parse(until)).build();
    }

    @Test
    void validatesEveryParameter() {
        LocalDate d = LocalDate.of(2020, 1, 1);
        assertEquals(1, valid("a", d, null).build().maxSubsidisedMealsPerWeek());
        List<UnaryOperator<PolicyVersion.Builder>> breakages = List.of(
                b -> b.id(" "), b -> b.id(null), b -> b.jurisdiction(""), b -> b.titleZh(null),
                b -> b.effectiveFrom(null), b -> b.effectiveUntil(d), b -> b.effectiveUntil(d.minusDays(1)),
                b -> b.sources(List.of()), b -> b.subsidyPerMeal(Money.ofFen(-1)), b -> b.operatingSubsidyPerMeal(null),
                b -> b.maxSubsidisedMealsPerDay(0), b -> b.maxSubsidisedMealsPerWeek(0), b -> b.mealSlots(Set.of()),
                b -> b.qualifyingDays(null), b -> b.standardSet(null));
        for (UnaryOperator<PolicyVersion.Builder> breakage : breakages) {
            assertThrows(RuntimeException.class, () -> breakage.apply(valid("a", d, null)).build());
        }
        assertThrows(IllegalArgumentException.class, () -> PolicyVersion.builder().id("x").jurisdiction("t").titleZh("t")
                .effectiveFrom(d).sources(List.of(new LegalSource("s", null, null, null)))
                .subsidyPerMeal(Money.ZERO).operatingSubsidyPerMeal(Money.ZERO).maxSubsidisedMealsPerDay(1)
                .maxSubsidisedMealsPerWeek(1).mealSlots(Set.of(MealSlot.LUNCH)).qualifyingDays(QualifyingDays.ALL_DAYS)
                .standardSet(new StandardSetRule(Money.ofYuan(13), 30)).build());
        assertEquals(d.plusDays(1), valid("a", d, d.plusDays(1)).build().effectiveUntil().orElseThrow());
        assertThrows(UnsupportedOperationException.class, () -> valid("a", d, null).build().mealSlots().clear());
        assertThrows(UnsupportedOperationException.class, () -> valid("a", d, null).build().routes().clear());
    }

    @Test
    void overlapsAndInForce() {
        PolicyVersion a = v("a", "2020-01-01", "2021-01-01");
        PolicyVersion b = v("b", "2022-01-01", null);
        PolicyVersion c = v("c", "2020-06-01", "2020-07-01");
        PolicyVersion d = v("d", "2021-01-01", "2022-01-01");
        assertFalse(a.overlaps(b));
        assertFalse(b.overlaps(a));
        assertTrue(a.overlaps(c));
        assertTrue(c.overlaps(a));
        assertFalse(a.overlaps(d));
        assertFalse(d.overlaps(a));
        assertFalse(d.overlaps(b));
        assertTrue(v("e", "2019-01-01", null).overlaps(a));
        assertTrue(a.overlaps(v("e", "2019-01-01", null)));
        assertTrue(b.overlaps(v("f", "2030-01-01", null)));
        assertFalse(a.isInForceOn(LocalDate.of(2019, 12, 31)));
        assertTrue(a.isInForceOn(LocalDate.of(2020, 1, 1)));
        assertTrue(a.isInForceOn(LocalDate.of(2020, 12, 31)));
        assertFalse(a.isInForceOn(LocalDate.of(2021, 1, 1)));
        assertTrue(b.isInForceOn(LocalDate.of(2099, 1, 1)));
    }

    @Test
    void appliedOverKeepsTheRulesAndMovesOnlyThePeriod() throws Exception {
        PolicyVersion v2022;
        try (var in = PolicyVersionTest.class.getClassLoader().getResourceAsStream("policies/tianjin/2022.yaml")) {
            v2022 = PolicyCatalog.readVersion(in, "tianjin/2022.yaml");
        }
        LocalDate from = LocalDate.of(2024, 10, 1);
        PolicyVersion replayed = v2022.appliedOver(from, LocalDate.of(2025, 1, 1));
        assertFalse(v2022.isInForceOn(from));
        assertTrue(replayed.isInForceOn(from));
        assertFalse(replayed.isInForceOn(LocalDate.of(2025, 1, 1)));
        assertEquals(v2022.id(), replayed.id());
        assertEquals(v2022.mealSlots(), replayed.mealSlots());
        assertFalse(replayed.mealSlots().contains(MealSlot.BREAKFAST));
        assertEquals(v2022.routes(), replayed.routes());
        assertEquals(v2022.discountOn(Money.ofYuan(15)), replayed.discountOn(Money.ofYuan(15)));
        assertEquals(v2022.maxSubsidisedMealsPerWeek(), replayed.maxSubsidisedMealsPerWeek());
        assertThrows(PolicyFileException.class, () -> PolicyCatalog.readVersion(
                new ByteArrayInputStream("id: x\nunknown_key: 1\n".getBytes(StandardCharsets.UTF_8)), "draft.yaml"));
    }

    @Test
    void bookSortsByEffectiveDateAndRefusesOverlaps() {
        PolicyVersion a = v("a", "2020-01-01", "2021-01-01");
        PolicyVersion d = v("d", "2021-01-01", "2022-01-01");
        PolicyVersion b = v("b", "2022-01-01", null);
        PolicyBook book = new PolicyBook("t", "测试", List.of(b, a, d));
        assertEquals(List.of(a, d, b), book.versions());
        assertEquals("d", book.inForceOn(LocalDate.of(2021, 6, 1)).orElseThrow().id());
        assertThrows(IllegalArgumentException.class, () -> new PolicyBook("t", "测试", List.of(b, v("c", "2020-06-01", null), a)));
        assertThrows(IllegalArgumentException.class, () -> new PolicyBook("t", "测试", List.of(v("x", "2023-01-01", null), a, v("y", "2021-01-01", "2024-01-01"))));
        assertThrows(NullPointerException.class, () -> new PolicyBook(null, "测试", List.of(a)));
        assertThrows(NullPointerException.class, () -> new PolicyBook("t", null, List.of(a)));
    }

    @Test
    void yamlEmptyValuesAndMergeKeys() {
        YamlFields f = PlainYaml.loadMapping(new ByteArrayInputStream(
                "base: &b { x: 1 }\nempty:\nmerged: { <<: *b, y: 2 }\n".getBytes(StandardCharsets.UTF_8)), "t");
        assertFalse(f.has("empty"));
        YamlFields merged = f.mapping("merged");
        assertEquals(1, merged.integer("x"));
        assertEquals(2, merged.integer("y"));
    }

    @Test
    void valueObjectsHashByValue() {
        assertNotEquals(Money.ofFen(1).hashCode(), Money.ofFen(2).hashCode());
        assertNotEquals(new StandardSetRule(Money.ofYuan(13), 30).hashCode(), new StandardSetRule(Money.ofYuan(13), 50).hashCode());
        assertNotEquals(cn.laorenjia.core.senior.Period.from(LocalDate.of(2020, 1, 1)).hashCode(),
                cn.laorenjia.core.senior.Period.from(LocalDate.of(2020, 1, 2)).hashCode());
        assertNotEquals(cn.laorenjia.core.calendar.WeekId.of(2024, 2).hashCode(), cn.laorenjia.core.calendar.WeekId.of(2025, 1).hashCode());
        assertNotEquals(cn.laorenjia.core.calendar.WeekId.of(2024, 1).hashCode(), cn.laorenjia.core.calendar.WeekId.of(2024, 2).hashCode());
        assertNotEquals(cn.laorenjia.core.senior.IdNumber.parse("11010519491231002X").hashCode(),
                cn.laorenjia.core.testing.Seniors.idBornOn(LocalDate.of(1949, 12, 31)).hashCode());
        assertEquals("身份证号码校验位不正确", cn.laorenjia.core.senior.InvalidIdNumberException.Code.CHECK_DIGIT.messageZh());
    }
}
