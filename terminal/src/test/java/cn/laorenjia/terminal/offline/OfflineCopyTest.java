package cn.laorenjia.terminal.offline;

import cn.laorenjia.contract.counter.CounterMenu;
import cn.laorenjia.contract.counter.MealPreview;
import cn.laorenjia.contract.json.ContractJson;
import cn.laorenjia.contract.meal.IdentificationRequest;
import cn.laorenjia.contract.meal.RefusalReason;
import cn.laorenjia.contract.offline.CardKey;
import cn.laorenjia.contract.offline.OfflineSnapshot;
import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.offline.CounterOfflineRefusal;
import cn.laorenjia.core.policy.EligibilityRules;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.senior.EnrolmentState;
import cn.laorenjia.core.senior.Fact;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.core.senior.Period;
import cn.laorenjia.core.senior.SeniorFacts;
import cn.laorenjia.core.subsidy.MealRefusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The counter deciding offline from its copy, a copy made as the central makes it (the senior assessed by the core's
 * {@link EligibilityRules}, put in the snapshot by the contract's own factories): every {@code OFFLINE_*} code, the
 * policy's refusals, a granted sale, and copies it must not grant from (an older format, a version its files do not
 * hold or hold with other figures) — refused, never a crash. Times are fixed: Monday 13 May 2024 in Beijing.
 */
class OfflineCopyTest {

    private static final PolicyCatalog POLICIES = PolicyCatalog.loadDefault();
    private static final PolicyVersion TIANJIN_2024 = POLICIES.book("baodi").version("tianjin-2024").orElseThrow();
    private static final LocalDate MONDAY = LocalDate.of(2024, 5, 13);
    /** The central made the copy at 06:00 on the Monday, Beijing time. */
    private static final Instant COPY_MADE = Instant.parse("2024-05-12T22:00:00Z");
    private static final Instant MONDAY_NOON = Instant.parse("2024-05-13T04:00:00Z");
    private static final Instant TUESDAY_NOON = MONDAY_NOON.plus(Duration.ofDays(1));
    private static final String UID = "04A1B2C3D4E5F6";
    private static final String WITHDRAWN_UID = "04FFEEDDCCBBAA";

    @TempDir
    Path dir;

    private final AtomicInteger grantedOfflineToday = new AtomicInteger();

    /** 84 on the Monday, local household, enrolment approved: eligible by age (本市户籍80周岁及以上). */
    private static SeniorFacts eligible() {
        return senior(LocalDate.of(1940, 5, 10), "001",
                Fact.localHousehold(Period.from(LocalDate.of(1940, 5, 10))),
                Fact.enrolment(EnrolmentState.APPROVED, Period.from(LocalDate.of(2023, 1, 1))));
    }

    /** The same age, but withdrawn before the Monday. */
    private static SeniorFacts withdrawn() {
        return senior(LocalDate.of(1941, 3, 2), "002",
                Fact.localHousehold(Period.from(LocalDate.of(1941, 3, 2))),
                Fact.enrolment(EnrolmentState.APPROVED, Period.between(LocalDate.of(2023, 1, 1), LocalDate.of(2024, 5, 1))),
                Fact.enrolment(EnrolmentState.WITHDRAWN, Period.from(LocalDate.of(2024, 5, 1))));
    }

    private static SeniorFacts senior(LocalDate born, String sequence, Fact... facts) {
        String first17 = "120224" + born.toString().replace("-", "") + sequence;
        return SeniorFacts.of(IdNumber.parse(first17 + IdNumber.checkDigit(first17)), List.of(facts));
    }

    /**
     * The copy as the central makes it (OfflineSnapshots): each senior assessed on the copy's day under the version in
     * force, the assessment and the quota used put in the snapshot. A withdrawn senior is listed here only to show the
     * counter refuses by the central's reasons; the central itself leaves such a senior out.
     */
    private static OfflineSnapshot snapshot(int usedToday, int usedThisWeek) {
        return OfflineSnapshot.under(TIANJIN_2024, "baodi", MONDAY, COPY_MADE, 1, KEY, List.of(
                OfflineSnapshot.SeniorEntry.of(7, "张*珍", "120224********0013",
                        EligibilityRules.assess(eligible(), MONDAY, TIANJIN_2024), usedToday, usedThisWeek,
                        List.of(OfflineSnapshot.CardEntry.of(KEY, "UID", UID),
                                OfflineSnapshot.CardEntry.of(KEY, CardKey.PRINTED_CARD, "70"))),
                OfflineSnapshot.SeniorEntry.of(8, "李*", "120224********0025",
                        EligibilityRules.assess(withdrawn(), MONDAY, TIANJIN_2024), 0, 0,
                        List.of(OfflineSnapshot.CardEntry.of(KEY, "UID", WITHDRAWN_UID)))));
    }

    private static final CardKey KEY = CardKey.of("the key of baodi on 2024-05-13...".getBytes(StandardCharsets.US_ASCII));

    @Test
    void theCopyOnDiskNamesNoCardAndIsOwnerOnlyAndATappedCardMatchesByItsHash() throws Exception {
        OfflineCopy copy = freshCopy(snapshot(0, 0));
        Path file = dir.resolve(OfflineCopy.FILE);
        String onDisk = Files.readString(file, StandardCharsets.UTF_8);
        assertFalse(onDisk.contains(UID) || onDisk.contains(WITHDRAWN_UID), onDisk);
        assertTrue(copy.decide(card(UID), "L-STD", MONDAY_NOON).granted(), "the tapped card, hashed with the key");
        assertEquals("OFFLINE_NOT_IN_COPY", copy.decide(IdentificationRequest.card("SOCIAL_SECURITY", UID), "L-STD",
                MONDAY_NOON).preview().refusalCode(), "the same text as another kind of card is another card");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
            assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(dir));
        }
    }

    @Test
    void aDeltaFromTheVersionHeldChangesTheCopyAndOneFromAnotherIsRefused() {
        OfflineCopy copy = freshCopy(snapshot(0, 0));
        OfflineSnapshot v2 = OfflineSnapshot.under(TIANJIN_2024, "baodi", MONDAY, COPY_MADE.plusSeconds(60), 2, KEY,
                List.of(snapshot(1, 1).seniors().get(0)));
        OfflineSnapshot delta = v2.deltaFrom(1, v2.seniors(), List.of(8L));
        assertTrue(copy.replace(menu(MONDAY), delta));
        assertEquals(Optional.of(2L), copy.version());
        assertEquals(1, copy.seniors(), "senior 8 removed");
        assertEquals("QUOTA_USED_TODAY", copy.decide(card(UID), "L-STD", MONDAY_NOON).preview().refusalCode());
        assertFalse(copy.replace(menu(MONDAY), delta), "a delta from version 1 does not apply to version 2");
        assertEquals(Optional.of(2L), copy.version());
    }

    /** The canteen's menu for the Monday: a 15-yuan standard set, and a 10-yuan one below the standard. */
    private static CounterMenu menu(LocalDate day) {
        return new CounterMenu("BD-01-T1", "BD-01", "黄庄老人家食堂", "黄庄镇", Money.ofFen(1500), day, "tianjin-2024",
                TIANJIN_2024.titleZh(), List.of(
                new CounterMenu.SetView("L-STD", "标准午餐", "LUNCH", "午餐", Money.ofFen(1500), true, null),
                new CounterMenu.SetView("L-LIGHT", "清淡午餐", "LUNCH", "午餐", Money.ofFen(1000), false,
                        "低于标准套餐价格")));
    }

    /** This terminal's secret, as its configuration holds it (never on disk beside the copy). */
    private static final String SECRET = "dGhpcyB0ZXJtaW5hbCdzIHNlY3JldCwgMzIgYnl0ZXMhIQ";

    private OfflineCopy copy(OfflineConfig config) {
        return copy(config, SECRET);
    }

    private OfflineCopy copy(OfflineConfig config, String secret) {
        return new OfflineCopy(config, day -> day.equals(MONDAY) ? grantedOfflineToday.get() : 0,
                Clock.fixed(MONDAY_NOON, ChinaCalendar.ZONE), () -> Optional.ofNullable(secret), POLICIES);
    }

    private OfflineCopy freshCopy(OfflineSnapshot snapshot) {
        OfflineCopy copy = copy(TestOfflineConfig.in(dir));
        copy.replace(menu(MONDAY), snapshot);
        return copy;
    }

    private static IdentificationRequest card(String uid) {
        return IdentificationRequest.card("UID", uid);
    }

    private static void assertFullPrice(OfflineCopy.Decision d, String code, String messageZh) {
        MealPreview p = d.preview();
        assertFalse(d.granted(), p.toString());
        assertFalse(p.subsidised());
        assertEquals(code, p.refusalCode());
        assertEquals(messageZh, p.refusalMessage());
        assertEquals(Money.ZERO, p.discount());
        assertEquals(p.price(), p.amountToPay());
        assertEquals("按原价收费", p.announcementZh());
    }

    @Test
    void grantsTheSubsidyByTheCoreRulesAndShowsItAsTheCentralsPreview() {
        OfflineCopy copy = freshCopy(snapshot(0, 2));
        OfflineCopy.Decision d = copy.decide(card(UID), "L-STD", MONDAY_NOON);

        assertTrue(d.granted());
        assertEquals(7L, d.seniorId());
        MealPreview p = d.preview();
        assertTrue(p.subsidised());
        assertEquals(Money.ofFen(1500), p.price());
        assertEquals(Money.ofFen(300), p.discount());
        assertEquals(Money.ofFen(1200), p.amountToPay());
        assertEquals(0, p.remainingToday());
        assertEquals(2, p.remainingThisWeek());
        assertEquals("tianjin-2024", p.ruleVersion());
        assertEquals("离线减免3元，本周还剩2次", p.announcementZh());
        assertNull(p.refusalCode());
        assertNull(p.refusalMessage());
        assertEquals(List.of(), p.reasons());
        // what the cashier page and the display read
        assertEquals("张*珍", p.senior().nameMasked());
        assertEquals("120224********0013", p.senior().idNumberMasked());
        // that the senior qualifies, not by which route (a route names 低保, 特困, a disability)
        assertTrue(p.senior().eligible());
        assertEquals("符合助餐条件", p.senior().eligibilityZh());
        assertEquals("CARD", p.identifiedBy());
        assertFalse(p.needsSecondCheck());
        assertEquals("L-STD", p.mealSet().code());
        assertEquals(MONDAY, p.mealDate());
        assertEquals(ChinaCalendar.weekOf(MONDAY).toString(), p.week());
        assertEquals("12.00", p.amountToPayYuan());
    }

    @Test
    void aCardTheCopyDoesNotHoldIsOfflineNotInCopy() {
        OfflineCopy.Decision d = freshCopy(snapshot(0, 0)).decide(card("0400000000000"), "L-STD", MONDAY_NOON);
        assertFullPrice(d, "OFFLINE_NOT_IN_COPY", CounterOfflineRefusal.OFFLINE_NOT_IN_COPY.messageZh());
        assertNull(d.seniorId());
        assertEquals("未在离线缓存中", d.preview().senior().nameMasked());
        assertFalse(d.preview().senior().eligible());
        assertEquals("", d.preview().senior().eligibilityZh(), "the page shows the text: never null");
    }

    @Test
    void aTerminalThatGivesNoSubsidyOfflineIsOfflineSubsidyOff() {
        OfflineCopy copy = copy(with(TestOfflineConfig.in(dir), "grantSubsidies", false));
        copy.replace(menu(MONDAY), snapshot(0, 0));
        OfflineCopy.Decision d = copy.decide(card(UID), "L-STD", MONDAY_NOON);
        assertFullPrice(d, "OFFLINE_SUBSIDY_OFF", CounterOfflineRefusal.OFFLINE_SUBSIDY_OFF.messageZh());
        assertEquals(7L, d.seniorId(), "the senior is still identified from the copy");
        assertEquals(1, d.preview().remainingToday());
    }

    @Test
    void aCopyOfYesterdayOrOlderThanAllowedIsOfflineCopyStale() {
        OfflineCopy copy = freshCopy(snapshot(0, 0));
        assertFullPrice(copy.decide(card(UID), "L-STD", TUESDAY_NOON), "OFFLINE_COPY_STALE",
                CounterOfflineRefusal.OFFLINE_COPY_STALE.messageZh());

        OfflineCopy strict = copy(with(TestOfflineConfig.in(dir.resolve("strict")), "maxCopyAge", Duration.ofHours(6)));
        strict.replace(menu(MONDAY), snapshot(0, 0));
        assertTrue(strict.decide(card(UID), "L-STD", MONDAY_NOON).granted(), "six hours old: at the limit");
        assertEquals("OFFLINE_COPY_STALE",
                strict.decide(card(UID), "L-STD", MONDAY_NOON.plusSeconds(1)).preview().refusalCode());

        // a menu of another day than the seniors is not one copy of today
        OfflineCopy mixed = copy(TestOfflineConfig.in(dir.resolve("mixed")));
        mixed.replace(menu(MONDAY.minusDays(1)), snapshot(0, 0));
        assertEquals("OFFLINE_COPY_STALE", mixed.decide(card(UID), "L-STD", MONDAY_NOON).preview().refusalCode());
    }

    @Test
    void aTerminalAtItsDailyOfflineLimitIsOfflineLimitReached() {
        OfflineCopy copy = freshCopy(snapshot(0, 0));
        grantedOfflineToday.set(39);
        assertTrue(copy.decide(card(UID), "L-STD", MONDAY_NOON).granted());
        grantedOfflineToday.set(40);
        OfflineCopy.Decision d = copy.decide(card(UID), "L-STD", MONDAY_NOON);
        assertFullPrice(d, "OFFLINE_LIMIT_REACHED", CounterOfflineRefusal.limitReachedZh(40));
        assertEquals(1, d.preview().remainingToday(), "nothing was taken from the senior's quota");
    }

    @Test
    void thePolicyRefusesWithTheLiveCodesAndEveryReason() {
        OfflineCopy copy = freshCopy(snapshot(0, 0));
        OfflineCopy.Decision below = copy.decide(card(UID), "L-LIGHT", MONDAY_NOON);
        assertFullPrice(below, "BELOW_STANDARD_PRICE", MealRefusal.BELOW_STANDARD_PRICE.messageZh());
        assertEquals(List.of(new RefusalReason("BELOW_STANDARD_PRICE", "所选套餐低于标准套餐价格", null)),
                below.preview().reasons());

        OfflineCopy.Decision gone = copy.decide(card(WITHDRAWN_UID), "L-STD", MONDAY_NOON);
        assertFullPrice(gone, "NOT_ENROLLED", MealRefusal.NOT_ENROLLED.messageZh());
        assertTrue(gone.preview().reasons().stream().anyMatch(r -> r.code().equals("ENROLMENT_WITHDRAWN")));

        // the quota the copy says was used elsewhere today, and this week
        assertFullPrice(freshCopy(snapshot(1, 1)).decide(card(UID), "L-STD", MONDAY_NOON), "QUOTA_USED_TODAY",
                MealRefusal.QUOTA_USED_TODAY.messageZh());
        assertFullPrice(freshCopy(snapshot(0, 5)).decide(card(UID), "L-STD", MONDAY_NOON), "QUOTA_USED_THIS_WEEK",
                MealRefusal.QUOTA_USED_THIS_WEEK.messageZh());
    }

    @Test
    void aMealSoldHereCountsAgainstTheCopysQuota() {
        OfflineCopy copy = freshCopy(snapshot(0, 0));
        OfflineCopy.Decision first = copy.decide(card(UID), "L-STD", MONDAY_NOON);
        assertTrue(first.granted());
        copy.counted(first.seniorId(), MONDAY);
        OfflineCopy.Decision second = copy.decide(card(UID), "L-STD", MONDAY_NOON.plusSeconds(60));
        assertFullPrice(second, "QUOTA_USED_TODAY", MealRefusal.QUOTA_USED_TODAY.messageZh());
        assertEquals(4, second.preview().remainingThisWeek());
    }

    @Test
    void theCopyOnDiskDecidesAfterARestartAsBefore() {
        freshCopy(snapshot(0, 2));
        OfflineCopy restarted = copy(TestOfflineConfig.in(dir));
        OfflineCopy.Decision d = restarted.decide(card(UID), "L-STD", MONDAY_NOON);
        assertTrue(d.granted());
        assertEquals(Money.ofFen(300), d.preview().discount());
        assertEquals(2, restarted.seniors());
    }

    @Test
    void theCardKeyIsSealedOnDiskUnderTheTerminalsSecretAndAnotherSecretOpensNoCopy() throws Exception {
        freshCopy(snapshot(0, 0));
        Path file = dir.resolve(OfflineCopy.FILE);
        String onDisk = Files.readString(file, StandardCharsets.UTF_8);
        assertFalse(onDisk.contains(KEY.text()), "the card key in clear: " + onDisk);
        assertFalse(onDisk.contains(java.util.Base64.getEncoder().withoutPadding().encodeToString(
                "the key of baodi on 2024-05-13...".getBytes(StandardCharsets.US_ASCII))), "nor in plain base64");
        assertFalse(onDisk.contains("the key of baodi"), "nor as its bytes");
        assertFalse(onDisk.contains(SECRET), "the terminal's secret is never written");
        var tree = ContractJson.mapper().readTree(onDisk);
        assertTrue(tree.path("snapshot").path("cardKey").isMissingNode(), onDisk);
        assertTrue(tree.path("sealedCardKey").asText().startsWith("v1."));

        // restarted with its own secret (offline): it opens the key and decides as before
        assertTrue(copy(TestOfflineConfig.in(dir)).decide(card(UID), "L-STD", MONDAY_NOON).granted());

        // the file read with another secret (lifted, or the secret rotated): refused, no copy at all
        OfflineCopy elsewhere = copy(TestOfflineConfig.in(dir), "YW5vdGhlciB0ZXJtaW5hbCdzIHNlY3JldCwgMzIgYnl0ZXM");
        assertTrue(elsewhere.snapshot().isEmpty());
        assertEquals("OFFLINE_NO_COPY", assertThrows(OfflineCopy.NotIdentified.class,
                () -> elsewhere.decide(card(UID), "L-STD", MONDAY_NOON)).code());
        // and without any secret configured: no copy either
        assertTrue(copy(TestOfflineConfig.in(dir), null).snapshot().isEmpty());

        // a key sealed for another copy (another version) does not open this one
        String moved = onDisk.replace("\"version\":1,", "\"version\":2,");
        assertTrue(moved.contains("\"version\":2,"), onDisk);
        Files.writeString(file, moved, StandardCharsets.UTF_8);
        assertTrue(copy(TestOfflineConfig.in(dir)).snapshot().isEmpty());
    }

    @Test
    void aCopyFileWithTheKeyInClearFromAnOlderVersionIsSealedWhenRead() throws Exception {
        OfflineSnapshot held = snapshot(0, 0);
        Files.writeString(dir.resolve(OfflineCopy.FILE), ContractJson.mapper().writeValueAsString(
                java.util.Map.of("menu", menu(MONDAY), "snapshot", held)), StandardCharsets.UTF_8);
        assertTrue(Files.readString(dir.resolve(OfflineCopy.FILE)).contains(KEY.text()));
        OfflineCopy copy = copy(TestOfflineConfig.in(dir));
        assertTrue(copy.decide(card(UID), "L-STD", MONDAY_NOON).granted());
        String onDisk = Files.readString(dir.resolve(OfflineCopy.FILE), StandardCharsets.UTF_8);
        assertFalse(onDisk.contains(KEY.text()), onDisk);
        assertTrue(copy(TestOfflineConfig.in(dir)).decide(card(UID), "L-STD", MONDAY_NOON).granted());
    }

    @Test
    void aCopyFileOfTheOlderFormatMatchesNoCardAndGrantsNothingUntilTheNextRefresh() throws Exception {
        // what a counter wrote before copies carried the assessments: routes as labels, no jurisdiction
        String menu = ContractJson.mapper().writeValueAsString(menu(MONDAY));
        Files.writeString(dir.resolve(OfflineCopy.FILE), """
                {"menu":%s,
                 "snapshot":{"canteenCode":"BD-01","date":"2024-05-13","week":"2024-W20",
                   "generatedAt":"2024-05-12T22:00:00Z","ruleVersion":"tianjin-2024","perDay":1,"perWeek":5,
                   "subsidyFen":300,
                   "seniors":[{"seniorId":7,"nameMasked":"张*珍","idNumberMasked":"120224********0013",
                     "routesZh":["本市户籍80周岁及以上老年人"],"usedToday":0,"usedThisWeek":0,
                     "cards":[{"cardId":70,"kind":"UID","identifier":"04A1B2C3D4E5F6"}]}]}}
                """.formatted(menu), StandardCharsets.UTF_8);
        OfflineCopy copy = copy(TestOfflineConfig.in(dir));
        // its identifiers in clear are not matched any more (no key): nobody is identified, nothing granted
        assertEquals("OFFLINE_NOT_IN_COPY", copy.decide(card(UID), "L-STD", MONDAY_NOON).preview().refusalCode());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals(PosixFilePermissions.fromString("rw-------"),
                    Files.getPosixFilePermissions(dir.resolve(OfflineCopy.FILE)), "made owner-only when read");
        }

        // the next refresh brings a copy it can decide from
        copy.replace(menu(MONDAY), snapshot(0, 0));
        assertTrue(copy.decide(card(UID), "L-STD", MONDAY_NOON).granted());
    }

    @Test
    void anUnreadableCopyFileIsNoCopy() throws Exception {
        Files.writeString(dir.resolve(OfflineCopy.FILE), "{\"menu\":{\"sets\":[{\"priceFen\":13.5}]}");
        OfflineCopy.NotIdentified none = assertThrows(OfflineCopy.NotIdentified.class,
                () -> copy(TestOfflineConfig.in(dir)).decide(card(UID), "L-STD", MONDAY_NOON));
        assertEquals("OFFLINE_NO_COPY", none.code());
    }

    @Test
    void aCopyUnderAVersionThisCountersFilesDoNotHoldOrHoldOtherwiseGrantsNothing() {
        OfflineSnapshot good = snapshot(0, 0);
        // a central with a policy file this counter has not got yet
        OfflineSnapshot unknown = new OfflineSnapshot(good.jurisdiction(), good.date(), good.week(),
                good.generatedAt(), "tianjin-2031", good.perDay(), good.perWeek(), good.subsidy(), 1, null,
                good.cardKey(), List.of(OfflineSnapshot.SeniorEntry.of(7, "张*珍", "120224********0013",
                        EligibilityRules.assess(eligible(), MONDAY, TIANJIN_2024), 0, 0,
                        List.of(OfflineSnapshot.CardEntry.of(KEY, "UID", UID)))), null);
        OfflineCopy.Decision d = freshCopy(unknown).decide(card(UID), "L-STD", MONDAY_NOON);
        assertFullPrice(d, "OFFLINE_COPY_STALE", CounterOfflineRefusal.OFFLINE_COPY_STALE.messageZh());
        assertEquals(7L, d.seniorId());

        // the same version id, but the central read 4 yuan where this counter's files say 3
        OfflineSnapshot otherFigures = new OfflineSnapshot(good.jurisdiction(), good.date(),
                good.week(), good.generatedAt(), good.ruleVersion(), good.perDay(), good.perWeek(), Money.ofFen(400),
                1, null, good.cardKey(), good.seniors(), null);
        assertEquals("OFFLINE_COPY_STALE",
                freshCopy(otherFigures).decide(card(UID), "L-STD", MONDAY_NOON).preview().refusalCode());

        // a jurisdiction this counter does not know
        OfflineSnapshot elsewhere = new OfflineSnapshot("atlantis", good.date(), good.week(),
                good.generatedAt(), good.ruleVersion(), good.perDay(), good.perWeek(), good.subsidy(), 1, null,
                good.cardKey(), good.seniors(), null);
        assertEquals("OFFLINE_COPY_STALE",
                freshCopy(elsewhere).decide(card(UID), "L-STD", MONDAY_NOON).preview().refusalCode());
    }

    /** The configuration with one setting changed (a proxy, so settings added later need no change here). */
    private static OfflineConfig with(OfflineConfig base, String setting, Object value) {
        return (OfflineConfig) Proxy.newProxyInstance(OfflineConfig.class.getClassLoader(),
                new Class<?>[] {OfflineConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals(setting) && method.getParameterCount() == 0) {
                        return value;
                    }
                    try {
                        return method.invoke(base, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
