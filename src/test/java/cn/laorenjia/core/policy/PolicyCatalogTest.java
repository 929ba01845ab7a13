package cn.laorenjia.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.laorenjia.core.meal.MealSlot;
import cn.laorenjia.core.money.Money;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCatalogTest {

    private static final PolicyCatalog CATALOG = PolicyCatalog.loadDefault();

    @Test
    void shipsTianjinBaodiAndAnIllustrativeSecondJurisdiction() {
        assertEquals(Set.of("tianjin", "baodi", "shangluo"), CATALOG.jurisdictions());
        PolicyBook tianjin = CATALOG.book("tianjin");
        assertEquals(List.of("tianjin-2019", "tianjin-2022", "tianjin-2024"), tianjin.versions().stream().map(PolicyVersion::id).toList());
        assertEquals("天津市", tianjin.nameZh());
        PolicyBook baodi = CATALOG.book("baodi");
        assertEquals("baodi", baodi.jurisdiction());
        assertEquals("天津市宝坻区", baodi.nameZh());
        assertEquals(tianjin.versions(), baodi.versions());
        assertTrue(CATALOG.findBook("baodi").isPresent());
        assertEquals(Optional.empty(), CATALOG.findBook("nowhere"));
        assertThrows(IllegalArgumentException.class, () -> CATALOG.book("nowhere"));
        PolicyVersion shangluo = CATALOG.book("shangluo").versions().get(0);
        assertTrue(shangluo.illustrative());
        assertFalse(tianjin.versions().get(2).illustrative());
        assertTrue(baodi.toString().contains("tianjin-2024"));
    }

    @Test
    void tianjin2024IsTheClauseOfTheBaodiList() {
        PolicyVersion v = CATALOG.inForce("baodi", LocalDate.of(2024, 5, 13)).orElseThrow();
        assertEquals("tianjin-2024", v.id());
        assertEquals("tianjin", v.jurisdiction());
        assertEquals(Money.ofFen(300), v.subsidyPerMeal());
        assertEquals(Money.ofFen(200), v.operatingSubsidyPerMeal());
        assertEquals(1, v.maxSubsidisedMealsPerDay());
        assertEquals(5, v.maxSubsidisedMealsPerWeek());
        assertEquals(EnumSet.allOf(MealSlot.class), v.mealSlots());
        assertEquals(QualifyingDays.ALL_DAYS, v.qualifyingDays());
        assertEquals(new StandardSetRule(Money.ofYuan(13), 50), v.standardSet());
        assertEquals(EnumSet.allOf(EligibilityRoute.class), v.routes().keySet());
        assertEquals(new RouteRule(EligibilityRoute.HARDSHIP_DISABILITY_60_TO_70, 60, 70, 2), v.routes().get(EligibilityRoute.HARDSHIP_DISABILITY_60_TO_70));
        assertEquals(LocalDate.of(2024, 1, 1), v.effectiveFrom());
        assertEquals(Optional.empty(), v.effectiveUntil());
        assertFalse(v.effectiveDateConfirmed());
        assertTrue(v.sources().get(0).title().contains("宝坻区基本养老服务清单"));
        assertTrue(v.sources().get(0).clause().contains("每周不超过五次"));
        assertTrue(v.titleZh().contains("2024"));
        assertEquals("tianjin-2024 [2024-01-01, …)", v.toString());

        PolicyVersion v2019 = CATALOG.inForce("tianjin", LocalDate.of(2019, 6, 14)).orElseThrow();
        assertEquals(Set.of(MealSlot.LUNCH), v2019.mealSlots());
        assertEquals(QualifyingDays.WORKING_DAYS, v2019.qualifyingDays());
        assertEquals(30, v2019.standardSet().allowedDeviationPercent());
        assertFalse(v2019.routes().containsKey(EligibilityRoute.AGE_70_VISITING_CARE));
        assertEquals(Optional.of(LocalDate.of(2022, 1, 1)), v2019.effectiveUntil());
        assertEquals("tianjin-2019 [2019-01-01, 2022-01-01)", v2019.toString());
    }

    @Test
    void versionInForceOnEachSideOfTheSwitchDates() {
        PolicyBook book = CATALOG.book("tianjin");
        assertEquals(Optional.empty(), book.inForceOn(LocalDate.of(2018, 12, 31)));
        assertEquals("tianjin-2019", book.inForceOn(LocalDate.of(2019, 1, 1)).orElseThrow().id());
        assertEquals("tianjin-2019", book.inForceOn(LocalDate.of(2021, 12, 31)).orElseThrow().id());
        assertEquals("tianjin-2022", book.inForceOn(LocalDate.of(2022, 1, 1)).orElseThrow().id());
        assertEquals("tianjin-2022", book.inForceOn(LocalDate.of(2023, 12, 31)).orElseThrow().id());
        assertEquals("tianjin-2024", book.inForceOn(LocalDate.of(2024, 1, 1)).orElseThrow().id());
        assertEquals("tianjin-2024", book.inForceOn(LocalDate.of(2099, 1, 1)).orElseThrow().id());
        assertEquals(Optional.empty(), book.version("tianjin-2020"));
    }

    @Test
    void standardSetRuleBoundsRoundInwards() {
        StandardSetRule r30 = new StandardSetRule(Money.ofYuan(13), 30);
        assertEquals(Money.ofFen(910), r30.lowest());
        assertEquals(Money.ofFen(1690), r30.highest());
        assertTrue(r30.allows(Money.ofFen(910)));
        assertFalse(r30.allows(Money.ofFen(909)));
        assertTrue(r30.allows(Money.ofFen(1690)));
        assertFalse(r30.allows(Money.ofFen(1691)));
        StandardSetRule odd = new StandardSetRule(Money.ofFen(1333), 30); // 933.1 … 1732.9
        assertEquals(Money.ofFen(934), odd.lowest());
        assertEquals(Money.ofFen(1732), odd.highest());
        StandardSetRule exact = new StandardSetRule(Money.ofFen(1300), 0);
        assertEquals(Money.ofFen(1300), exact.lowest());
        assertEquals(Money.ofFen(1300), exact.highest());
        StandardSetRule full = new StandardSetRule(Money.ofFen(1300), 100);
        assertEquals(Money.ZERO, full.lowest());
        assertEquals(Money.ofFen(2600), full.highest());
        assertEquals(Money.ofYuan(13), r30.referencePrice());
        assertEquals("13.00 ±30% [9.10, 16.90]", r30.toString());
        assertThrows(IllegalArgumentException.class, () -> new StandardSetRule(Money.ZERO, 30));
        assertThrows(IllegalArgumentException.class, () -> new StandardSetRule(Money.ofFen(-1), 30));
        assertThrows(IllegalArgumentException.class, () -> new StandardSetRule(Money.ofFen(1300), -1));
        assertThrows(IllegalArgumentException.class, () -> new StandardSetRule(Money.ofFen(1300), 101));
        assertThrows(NullPointerException.class, () -> new StandardSetRule(null, 30));
        assertEquals(new StandardSetRule(Money.ofFen(1300), 30).hashCode(), r30.hashCode());
        assertFalse(r30.equals(new StandardSetRule(Money.ofFen(1300), 31)));
        assertFalse(r30.equals(new StandardSetRule(Money.ofFen(1301), 30)));
        assertFalse(r30.equals("x"));
    }

    @Test
    void routeRuleValidates() {
        assertThrows(IllegalArgumentException.class, () -> new RouteRule(EligibilityRoute.AGE_80_LOCAL, -1, null, null));
        assertThrows(IllegalArgumentException.class, () -> new RouteRule(EligibilityRoute.AGE_80_LOCAL, 151, null, null));
        assertEquals(150, new RouteRule(EligibilityRoute.AGE_80_LOCAL, 150, null, null).minAge());
        assertEquals(0, new RouteRule(EligibilityRoute.AGE_80_LOCAL, 0, null, null).minAge());
        assertThrows(IllegalArgumentException.class, () -> new RouteRule(EligibilityRoute.AGE_80_LOCAL, 80, 80, null));
        assertEquals(81, new RouteRule(EligibilityRoute.AGE_80_LOCAL, 80, 81, null).maxAgeExclusive());
        assertThrows(IllegalArgumentException.class, () -> new RouteRule(EligibilityRoute.AGE_80_LOCAL, 80, null, 2));
        assertThrows(IllegalArgumentException.class, () -> new RouteRule(EligibilityRoute.HARDSHIP_DISABILITY_60_TO_70, 60, 70, null));
        assertThrows(IllegalArgumentException.class, () -> new RouteRule(EligibilityRoute.HARDSHIP_DISABILITY_60_TO_70, 60, 70, 0));
        assertThrows(IllegalArgumentException.class, () -> new RouteRule(EligibilityRoute.HARDSHIP_DISABILITY_60_TO_70, 60, 70, 5));
        assertEquals(4, new RouteRule(EligibilityRoute.HARDSHIP_DISABILITY_60_TO_70, 60, 70, 4).maxDisabilityGrade());
        assertEquals(1, new RouteRule(EligibilityRoute.HARDSHIP_DISABILITY_60_TO_70, 60, 70, 1).maxDisabilityGrade());
        assertThrows(NullPointerException.class, () -> new RouteRule(null, 60, null, null));
        RouteRule r = new RouteRule(EligibilityRoute.HARDSHIP_DISABILITY_60_TO_70, 60, 70, 2);
        assertTrue(r.isUnderAge(59));
        assertFalse(r.isUnderAge(60));
        assertFalse(r.isOverAge(69));
        assertTrue(r.isOverAge(70));
        assertFalse(RouteRule.minimumAge(EligibilityRoute.AGE_80_LOCAL, 80).isOverAge(120));
    }

    @Test
    void labelsAndReasons() {
        assertEquals("早餐", MealSlot.BREAKFAST.labelZh());
        assertTrue(EligibilityRoute.AGE_70_VISITING_CARE.labelZh().contains("70"));
        assertEquals("未登记助餐服务", ReasonCode.NOT_ENROLLED.labelZh());
        assertEquals("工作日", QualifyingDays.WORKING_DAYS.labelZh());
        assertEquals("每天", QualifyingDays.ALL_DAYS.labelZh());
        assertEquals("NOT_LOCAL(AGE_80_LOCAL)", Reason.forRoute(ReasonCode.NOT_LOCAL, EligibilityRoute.AGE_80_LOCAL).toString());
        assertEquals("NO_ROUTE", Reason.of(ReasonCode.NO_ROUTE).toString());
        assertEquals("非本市户籍（本市户籍80周岁及以上老年人）", Reason.forRoute(ReasonCode.NOT_LOCAL, EligibilityRoute.AGE_80_LOCAL).labelZh());
        assertEquals("老人已故", Reason.of(ReasonCode.DECEASED).labelZh());
        assertThrows(NullPointerException.class, () -> Reason.of(null));
        assertThrows(NullPointerException.class, () -> Reason.forRoute(ReasonCode.NOT_LOCAL, null));
        assertThrows(NullPointerException.class, () -> new LegalSource(null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new LegalSource(" ", null, null, null));
        assertTrue(QualifyingDays.WORKING_DAYS.includes(LocalDate.of(2024, 5, 13)));
        assertFalse(QualifyingDays.WORKING_DAYS.includes(LocalDate.of(2024, 5, 12)));
        assertTrue(QualifyingDays.ALL_DAYS.includes(LocalDate.of(2024, 5, 12)));
    }

    // ------------------------------------------------------------------ loading from files

    private static final String VERSION = """
            id: x-%1$s
            jurisdiction: x
            title_zh: 测试
            effective_from: %2$s
            %3$s
            sources:
              - { title: 测试文件, clause: 第1条, url: https://example.org, note: 无 }
            subsidy_per_meal: 3
            operating_subsidy_per_meal: 2.00
            max_subsidised_meals_per_day: 1
            max_subsidised_meals_per_week: 5
            meal_slots: [LUNCH, DINNER]
            qualifying_days: ALL_DAYS
            standard_set: { reference_price: 13.00, allowed_deviation_percent: 50 }
            routes:
              - { route: AGE_80_LOCAL, min_age: 80 }
            """;

    private static void write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void index(Path dir, String extra) throws IOException {
        write(dir, "index.yaml", """
                jurisdictions:
                  - { id: x, name_zh: 某市, versions: [x/a.yaml, x/b.yaml] }
                  - { id: y, name_zh: 某区, applies: x }
                """ + extra);
    }

    @Test
    void loadsADirectory(@TempDir Path dir) throws IOException {
        index(dir, "");
        write(dir, "x/a.yaml", VERSION.formatted("a", "2020-01-01", "effective_until: 2021-01-01\neffective_date_confirmed: true"));
        write(dir, "x/b.yaml", VERSION.formatted("b", "2021-01-01", ""));
        PolicyCatalog catalog = PolicyCatalog.load(dir);
        assertEquals(Set.of("x", "y"), catalog.jurisdictions());
        PolicyVersion a = catalog.inForce("y", LocalDate.of(2020, 6, 1)).orElseThrow();
        assertEquals("x-a", a.id());
        assertTrue(a.effectiveDateConfirmed());
        assertEquals(Money.ofFen(300), a.subsidyPerMeal());
        assertEquals(new LegalSource("测试文件", "第1条", "https://example.org", "无"), a.sources().get(0));
        assertEquals("x-b", catalog.inForce("x", LocalDate.of(2021, 1, 1)).orElseThrow().id());
        assertFalse(catalog.book("x").versions().get(1).effectiveDateConfirmed());
    }

    private static String loadError(Path dir) {
        return assertThrows(PolicyFileException.class, () -> PolicyCatalog.load(dir)).getMessage();
    }

    @Test
    void refusesOverlappingVersions(@TempDir Path dir) throws IOException {
        index(dir, "");
        write(dir, "x/a.yaml", VERSION.formatted("a", "2020-01-01", "")); // open-ended, overlaps b
        write(dir, "x/b.yaml", VERSION.formatted("b", "2021-01-01", ""));
        assertTrue(loadError(dir).contains("overlap"));
    }

    @Test
    void refusesTwoVersionsWithTheSameStartOrId(@TempDir Path dir) throws IOException {
        index(dir, "");
        write(dir, "x/a.yaml", VERSION.formatted("a", "2020-01-01", "effective_until: 2021-01-01"));
        write(dir, "x/b.yaml", VERSION.formatted("a", "2021-01-01", ""));
        assertTrue(loadError(dir).contains("used twice"));
    }

    @Test
    void refusesMisspeltKeys(@TempDir Path dir) throws IOException {
        index(dir, "");
        write(dir, "x/a.yaml", VERSION.formatted("a", "2020-01-01", "effective_until: 2021-01-01\nmax_per_weak: 3"));
        write(dir, "x/b.yaml", VERSION.formatted("b", "2021-01-01", ""));
        String message = loadError(dir);
        assertTrue(message.contains("x/a.yaml") && message.contains("max_per_weak"), message);
    }

    @Test
    void refusesBadValues(@TempDir Path dir) throws IOException {
        index(dir, "");
        write(dir, "x/b.yaml", VERSION.formatted("b", "2021-01-01", ""));
        String[][] bad = {
                {"subsidy_per_meal: 3", "subsidy_per_meal: 3.005"},
                {"max_subsidised_meals_per_day: 1", "max_subsidised_meals_per_day: one"},
                {"max_subsidised_meals_per_day: 1", "max_subsidised_meals_per_day: 0"},
                {"qualifying_days: ALL_DAYS", "qualifying_days: WEEKENDS"},
                {"meal_slots: [LUNCH, DINNER]", "meal_slots: [LUNCH, LUNCH]"},
                {"meal_slots: [LUNCH, DINNER]", "meal_slots: LUNCH"},
                {"effective_from: 2020-01-01", "effective_from: 2020-13-01"},
                {"effective_from: 2020-01-01", "effective_from: 2021-06-01"},
                {"- { route: AGE_80_LOCAL, min_age: 80 }", "- { route: AGE_80_LOCAL, min_age: 80 }\n  - { route: AGE_80_LOCAL, min_age: 70 }"},
                {"- { route: AGE_80_LOCAL, min_age: 80 }", "- { route: AGE_80_LOCAL, min_age: 80, max_disability_grade: 2 }"},
                {"jurisdiction: x", "jurisdiction: z"},
                {"jurisdiction: x", "jurisdiction: "},
                {"standard_set: { reference_price: 13.00, allowed_deviation_percent: 50 }", "standard_set: 13.00"},
                {"standard_set: { reference_price: 13.00, allowed_deviation_percent: 50 }", "standard_set: { reference_price: 13.00, allowed_deviation_percent: 50, rounding: UP }"},
                {"effective_date_confirmed: false", "effective_date_confirmed: perhaps"},
                {"sources:\n  - { title: 测试文件, clause: 第1条, url: https://example.org, note: 无 }", "sources:\n  - { title: 测试文件, page: 3 }"},
                {"- { route: AGE_80_LOCAL, min_age: 80 }", "- { route: AGE_80_LOCAL, min_age: 80, local: true }"},
                {"qualifying_days: ALL_DAYS", "qualifying_days: ALL_DAYS\nlegacy_rule: true"},
        };
        for (String[] change : bad) {
            String text = VERSION.formatted("a", "2020-01-01", "effective_until: 2021-01-01\neffective_date_confirmed: false");
            assertTrue(text.contains(change[0]), change[0]);
            write(dir, "x/a.yaml", text.replace(change[0], change[1]));
            loadError(dir);
        }
    }

    @Test
    void refusesBadIndexes(@TempDir Path dir) throws IOException {
        write(dir, "x/a.yaml", VERSION.formatted("a", "2020-01-01", ""));
        String[] indexes = {
                "jurisdictions:\n  - { id: x, name_zh: 某市, versions: [x/a.yaml], applies: y }\n  - { id: y, name_zh: y, versions: [x/a.yaml] }",
                "jurisdictions:\n  - { id: x, name_zh: 某市 }",
                "jurisdictions:\n  - { id: x, name_zh: 某市, versions: [x/a.yaml] }\n  - { id: x, name_zh: 某市, versions: [x/a.yaml] }",
                "jurisdictions:\n  - { id: x, name_zh: 某市, versions: [x/a.yaml] }\n  - { id: y, name_zh: 某区, applies: z }",
                "jurisdictions:\n  - { id: x, name_zh: 某市, versions: [x/a.yaml] }\n  - { id: y, name_zh: 某区, applies: w }\n  - { id: w, name_zh: 某区, applies: x }",
                "jurisdictions:\n  - { id: x, name_zh: 某市, versions: [x/a.yaml] }\nextra: 1",
                "jurisdictions:\n  - { id: x, name_zh: 某市, versions: [x/missing.yaml] }",
                "jurisdictions:\n  - { id: x, name_zh: 某市, versions: [../outside.yaml] }",
                "- just a list",
                "jurisdictions: [1]",
                "jurisdictions:\n  - { id: x, name_zh: 某市, versions: [x/a.yaml], since: 2019 }",
                "jurisdictions:\n  - { id: x, name_zh: 某市, versions: [x/a.yaml] }\n  - { id: x2, name_zh: 某市, versions: [x/a.yaml] }",
        };
        for (String index : indexes) {
            write(dir, "index.yaml", index);
            assertThrows(RuntimeException.class, () -> PolicyCatalog.load(dir), index);
        }
        write(dir, "index.yaml", "jurisdictions:\n  - { id: x, name_zh: 某市, versions: [x/a.yaml] }\n  - { id: y, name_zh: 某区, applies: x }");
        assertEquals(Set.of("x", "y"), PolicyCatalog.load(dir).jurisdictions());
    }

    @Test
    void yamlKeepsDatesAndAmountsAsText() {
        YamlFields f = PlainYaml.loadMapping(new ByteArrayInputStream(
                "d: 2024-01-01\na: 13.50\nn: 7\nb: true\nl: [1, 2]\nm: { k: v }\nnothing: ~\n".getBytes(StandardCharsets.UTF_8)), "t");
        assertEquals(LocalDate.of(2024, 1, 1), f.date("d"));
        assertEquals(Money.ofFen(1350), f.yuan("a"));
        assertEquals(7, f.integer("n"));
        assertEquals(7, f.optionalInteger("n"));
        assertEquals(null, f.optionalInteger("absent"));
        assertTrue(f.bool("b", false));
        assertTrue(f.bool("absent2", true));
        assertEquals(List.of(1, 2), f.list("l"));
        assertEquals(List.of(), f.optionalList("absent3"));
        assertEquals("v", f.mapping("m").text("k"));
        assertFalse(f.has("nothing"));
        assertTrue(f.has("d"));
        assertEquals(null, f.optionalDate("nothing"));
        assertEquals("t", f.where());
        f.rawValue("nothing");
        f.finish();
        assertThrows(PolicyFileException.class, () -> f.text("nothing"));
        assertThrows(PolicyFileException.class, () -> f.integer("a"));
        assertThrows(PolicyFileException.class, () -> f.yuan("d"));
        assertThrows(PolicyFileException.class, () -> f.date("a"));
        assertThrows(PolicyFileException.class, () -> f.bool("n", true));
        assertThrows(PolicyFileException.class, () -> f.list("n"));
        assertThrows(PolicyFileException.class, () -> f.mapping("n"));
        assertThrows(PolicyFileException.class, () -> f.mappings("l"));
        assertThrows(PolicyFileException.class, () -> f.enumValue("n", MealSlot.class));
        assertThrows(PolicyFileException.class, () -> PlainYaml.loadMapping(new ByteArrayInputStream("a: 1\na: 2".getBytes(StandardCharsets.UTF_8)), "dup"));
        assertThrows(PolicyFileException.class, () -> PlainYaml.loadMapping(new ByteArrayInputStream("[1]".getBytes(StandardCharsets.UTF_8)), "list"));
        assertEquals(Set.of("k"), YamlFields.fromMap(Map.of("k", 1), "m").keys());
        PolicyFileException e = new PolicyFileException("f", "p", new RuntimeException());
        assertEquals("f: p", e.getMessage());
    }

    @Test
    void loadsFromTheClasspathEachTime() {
        PolicyCatalog fresh = PolicyCatalog.loadDefault();
        assertEquals(CATALOG.jurisdictions(), fresh.jurisdictions());
        assertEquals("tianjin-2024", fresh.inForce("baodi", LocalDate.of(2024, 5, 13)).orElseThrow().id());
        PolicyFileException missing = assertThrows(PolicyFileException.class, () -> PolicyCatalog.loadFromClasspath("no-such-policies/"));
        assertTrue(missing.getMessage().startsWith("no-such-policies/index.yaml"), missing.getMessage());
    }

    @Test
    void errorMessagesNameTheFileEntryAndValue() {
        YamlFields f = PlainYaml.loadMapping(new ByteArrayInputStream(
                "n: one\nrs:\n  - { a: 1 }\n  - 7\n".getBytes(StandardCharsets.UTF_8)), "f.yaml");
        assertEquals("f.yaml: 'n' must be a whole number, got 'one'", assertThrows(PolicyFileException.class, () -> f.integer("n")).getMessage());
        assertEquals("f.yaml › rs[2]: expected a mapping (key: value), got '7'", assertThrows(PolicyFileException.class, () -> f.mappings("rs")).getMessage());
        assertTrue(assertThrows(PolicyFileException.class, () -> f.text("absent")).getMessage().endsWith("'absent' is required"));
    }

    @Test
    void catalogOfBooks() {
        PolicyBook x = CATALOG.book("tianjin");
        PolicyCatalog catalog = PolicyCatalog.of(List.of(x));
        assertSame(x, catalog.book("tianjin"));
        assertThrows(IllegalArgumentException.class, () -> PolicyCatalog.of(List.of(x, x)));
        assertThrows(IllegalArgumentException.class, () -> new PolicyBook("empty", "空", List.of()));
    }
}
