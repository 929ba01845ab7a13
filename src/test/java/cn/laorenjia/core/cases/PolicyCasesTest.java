package cn.laorenjia.core.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.laorenjia.core.meal.MealSlot;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.EligibilityRoute;
import cn.laorenjia.core.policy.PlainYaml;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.policy.PolicyFileException;
import cn.laorenjia.core.policy.Reason;
import cn.laorenjia.core.policy.ReasonCode;
import cn.laorenjia.core.policy.YamlFields;
import cn.laorenjia.core.senior.Fact;
import cn.laorenjia.core.senior.FactKind;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.core.senior.Period;
import cn.laorenjia.core.senior.SeniorFacts;
import cn.laorenjia.core.subsidy.MealDecider;
import cn.laorenjia.core.subsidy.MealDecision;
import cn.laorenjia.core.subsidy.MealRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case file under {@code src/test/resources/cases/}: the policy's specification as data.
 * Each case is run under three JVM default time zones; the decision must not change.
 *
 * <p>Case file format (see any file there; comments in Chinese are welcome):
 * <pre>
 * title: …                     # what the file covers
 * jurisdiction: baodi          # default for its cases
 * meal_defaults: { slot: LUNCH, price: 15.00, standard_price: 13.00, used_today: 0, used_this_week: 0 }
 * seniors:                     # named seniors reused by cases
 *   张大爷:
 *     birth_date: 1940-05-10   # or id_number: 18 characters
 *     facts:
 *       - { kind: LOCAL_HOUSEHOLD, from: 1960-01-01 }
 *       - { kind: ENROLMENT, value: APPROVED, from: 2023-01-01, to: 2025-01-01 }   # to = exclusive
 * cases:
 *   - name: …
 *     senior: 张大爷           # a name above, or an inline senior
 *     meal: { at: 2024-05-13T12:00+08:00 }      # instant with an explicit offset; other keys override defaults
 *     expect:
 *       subsidised: false
 *       reasons: [NOT_ENROLLED] # exact set of reason codes; required when not subsidised
 *       # optional: routes, reason_details, discount, pay, operating_subsidy, reimbursement,
 *       #           remaining_today, remaining_this_week, policy_version, meal_date, week, announcement
 * </pre>
 */
class PolicyCasesTest {

    private static final PolicyCatalog CATALOG = PolicyCatalog.loadDefault();
    private static final List<String> TIME_ZONES = List.of("UTC", "Asia/Shanghai", "America/Los_Angeles");
    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    @TestFactory
    Stream<DynamicNode> caseFiles() throws IOException, URISyntaxException {
        URL root = getClass().getClassLoader().getResource("cases");
        List<Path> files;
        try (Stream<Path> listing = Files.list(Path.of(root.toURI()))) {
            files = listing.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no case files found");
        List<DynamicNode> containers = new ArrayList<>();
        int total = 0;
        for (Path file : files) {
            List<DynamicTest> tests = testsOf(file);
            total += tests.size();
            containers.add(DynamicContainer.dynamicContainer(file.getFileName().toString(), tests.stream()));
        }
        assertTrue(total >= 80, "the specification must hold at least 80 cases, found " + total);
        return containers.stream();
    }

    private List<DynamicTest> testsOf(Path file) throws IOException {
        String name = "cases/" + file.getFileName();
        YamlFields doc;
        try (InputStream in = Files.newInputStream(file)) {
            doc = PlainYaml.loadMapping(in, name);
        }
        doc.text("title");
        String jurisdiction = doc.text("jurisdiction");
        Map<String, Object> mealDefaults = doc.has("meal_defaults") ? rawMap(doc, "meal_defaults") : Map.of();
        if (!doc.has("meal_defaults")) {
            doc.optionalText("meal_defaults");
        }
        Map<String, YamlFields> seniors = new HashMap<>();
        if (doc.has("seniors")) {
            Map<String, Object> raw = rawMap(doc, "seniors");
            raw.forEach((k, v) -> seniors.put(k, fieldsOf(Map.of("s", v), name + " › seniors › " + k).mapping("s")));
        } else {
            doc.optionalText("seniors");
        }
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        for (YamlFields c : doc.mappings("cases")) {
            String caseName = c.text("name");
            if (!names.add(caseName)) {
                throw new PolicyFileException(c.where(), "case name used twice: " + caseName);
            }
            PolicyCase pc = parseCase(c, jurisdiction, mealDefaults, seniors);
            tests.add(DynamicTest.dynamicTest(caseName, () -> run(pc)));
        }
        doc.finish();
        return tests;
    }

    private static Map<String, Object> rawMap(YamlFields doc, String key) {
        // Re-read a sub-mapping as raw values; YamlFields keeps strictness for the fields we interpret.
        YamlFields sub = doc.mapping(key);
        Map<String, Object> result = new HashMap<>();
        for (String k : sub.keys()) {
            result.put(k, sub.rawValue(k));
        }
        return result;
    }

    private static YamlFields fieldsOf(Map<String, Object> map, String where) {
        return YamlFields.fromMap(map, where);
    }

    private record PolicyCase(String where, String jurisdiction, SeniorFacts senior, MealRequest meal, YamlFields expect) {
    }

    private PolicyCase parseCase(YamlFields c, String defaultJurisdiction, Map<String, Object> mealDefaults,
                                 Map<String, YamlFields> seniors) {
        String jurisdiction = c.has("jurisdiction") ? c.text("jurisdiction") : defaultJurisdiction;
        if (!c.has("jurisdiction")) {
            c.optionalText("jurisdiction");
        }
        SeniorFacts senior;
        if (c.has("senior") && seniors.containsKey(String.valueOf(c.rawValue("senior")))) {
            senior = senior(seniors.get(c.text("senior")));
        } else {
            senior = senior(c.mapping("senior"));
        }
        Map<String, Object> merged = new HashMap<>(mealDefaults);
        YamlFields mealOverrides = c.mapping("meal");
        for (String k : mealOverrides.keys()) {
            merged.put(k, mealOverrides.rawValue(k));
        }
        YamlFields m = fieldsOf(merged, c.where() + " › meal");
        OffsetDateTime at = OffsetDateTime.parse(m.text("at"));
        MealRequest meal = new MealRequest(at.toInstant(), m.enumValue("slot", MealSlot.class), m.yuan("price"),
                m.yuan("standard_price"), m.integer("used_today"), m.integer("used_this_week"));
        m.finish();
        YamlFields expect = c.mapping("expect");
        c.optionalText("note");
        c.finish();
        return new PolicyCase(c.where(), jurisdiction, senior, meal, expect);
    }

    private SeniorFacts senior(YamlFields s) {
        IdNumber id;
        if (s.has("id_number")) {
            id = IdNumber.parse(s.text("id_number"));
            s.optionalText("birth_date");
        } else {
            // A valid Baodi ID number for the given birth date, so case files need not compute check digits.
            String first17 = "120224" + s.date("birth_date").format(BASIC_DATE) + "001";
            id = IdNumber.parse(first17 + IdNumber.checkDigit(first17));
        }
        List<Fact> facts = new ArrayList<>();
        if (s.has("facts")) {
            for (YamlFields f : s.mappings("facts")) {
                FactKind kind = f.enumValue("kind", FactKind.class);
                String value = f.optionalText("value");
                LocalDate from = f.date("from");
                LocalDate to = f.optionalDate("to");
                f.finish();
                facts.add(new Fact(kind, value, Period.between(from, to)));
            }
        } else {
            s.optionalText("facts");
        }
        s.optionalText("note");
        s.finish();
        return SeniorFacts.of(id, facts);
    }

    private void run(PolicyCase pc) {
        TimeZone original = TimeZone.getDefault();
        MealDecision reference = null;
        try {
            for (String zone : TIME_ZONES) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                MealDecision decision = MealDecider.decide(CATALOG.book(pc.jurisdiction()), pc.senior(), pc.meal());
                if (reference == null) {
                    reference = decision;
                } else {
                    assertEquals(reference, decision, pc.where() + ": decision changed with JVM time zone " + zone);
                }
            }
        } finally {
            TimeZone.setDefault(original);
        }
        check(pc.expect(), reference, pc.where());
    }

    private void check(YamlFields e, MealDecision d, String where) {
        String ctx = where + " → " + d;
        boolean subsidised = e.bool("subsidised", false);
        assertEquals(subsidised, d.subsidised(), ctx + ": subsidised");
        if (e.has("reasons") || !subsidised) {
            Set<ReasonCode> expected = EnumSet.noneOf(ReasonCode.class);
            expected.addAll(e.enumList("reasons", ReasonCode.class));
            assertEquals(expected, d.reasonCodes(), ctx + ": reasons");
        } else {
            e.optionalText("reasons");
            assertTrue(d.reasons().isEmpty(), ctx);
        }
        if (e.has("reason_details")) {
            Set<String> expected = new TreeSet<>();
            e.list("reason_details").forEach(o -> expected.add(String.valueOf(o)));
            Set<String> actual = new TreeSet<>();
            d.reasons().forEach((Reason r) -> actual.add(r.toString()));
            assertEquals(expected, actual, ctx + ": reason_details");
        } else {
            e.optionalText("reason_details");
        }
        if (e.has("routes")) {
            Set<EligibilityRoute> expected = EnumSet.noneOf(EligibilityRoute.class);
            expected.addAll(e.enumList("routes", EligibilityRoute.class));
            assertEquals(expected, d.routes(), ctx + ": routes");
        } else {
            e.optionalText("routes");
        }
        checkMoney(e, "discount", d.discount(), ctx);
        checkMoney(e, "pay", d.amountToPay(), ctx);
        checkMoney(e, "operating_subsidy", d.operatingSubsidy(), ctx);
        checkMoney(e, "reimbursement", d.canteenReimbursement(), ctx);
        checkInt(e, "remaining_today", d.remainingToday(), ctx);
        checkInt(e, "remaining_this_week", d.remainingThisWeek(), ctx);
        if (e.has("policy_version")) {
            String expected = e.text("policy_version");
            assertEquals("none".equals(expected) ? null : expected, d.policyVersionId(), ctx + ": policy_version");
        } else {
            e.optionalText("policy_version");
        }
        if (e.has("meal_date")) {
            assertEquals(e.date("meal_date"), d.mealDate(), ctx + ": meal_date");
        } else {
            e.optionalText("meal_date");
        }
        if (e.has("week")) {
            assertEquals(e.text("week"), d.week().toString(), ctx + ": week");
        } else {
            e.optionalText("week");
        }
        if (e.has("announcement")) {
            assertEquals(e.text("announcement"), d.announcementZh(), ctx + ": announcement");
        } else {
            e.optionalText("announcement");
        }
        // Invariants every case must satisfy, whatever it states.
        assertFalse(d.amountToPay().isNegative(), ctx);
        assertFalse(d.setPrice().isLessThan(d.discount()), ctx);
        if (!subsidised) {
            assertEquals(Money.ZERO, d.discount(), ctx);
            assertEquals(Money.ZERO, d.operatingSubsidy(), ctx);
        }
        e.finish();
    }

    private static void checkMoney(YamlFields e, String key, Money actual, String ctx) {
        if (e.has(key)) {
            assertEquals(e.yuan(key), actual, ctx + ": " + key);
        } else {
            e.optionalText(key);
        }
    }

    private static void checkInt(YamlFields e, String key, int actual, String ctx) {
        if (e.has(key)) {
            assertEquals(e.integer(key), actual, ctx + ": " + key);
        } else {
            e.optionalText(key);
        }
    }
}
