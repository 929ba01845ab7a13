package cn.laorenjia.terminal.offline;

import cn.laorenjia.contract.counter.CounterMenu;
import cn.laorenjia.contract.counter.MealPreview;
import cn.laorenjia.contract.json.ContractJson;
import cn.laorenjia.contract.meal.IdentificationRequest;
import cn.laorenjia.contract.meal.MealAuthorisation;
import cn.laorenjia.contract.meal.RefusalReason;
import cn.laorenjia.contract.offline.CardKey;
import cn.laorenjia.contract.offline.OfflineSnapshot;
import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.meal.MealSlot;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.offline.CounterOfflineDecider;
import cn.laorenjia.core.offline.CounterOfflineDecision;
import cn.laorenjia.core.offline.CounterOfflineRequest;
import cn.laorenjia.core.policy.Eligibility;
import cn.laorenjia.core.policy.EligibilityRoute;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.qr.QrToken;
import cn.laorenjia.core.qr.QrTokenException;
import cn.laorenjia.core.qr.QrTokenKind;
import cn.laorenjia.core.qr.SignedQrToken;
import cn.laorenjia.core.subsidy.MealRequest;
import cn.laorenjia.terminal.app.OwnerOnlyFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * The counter's cached copy for deciding offline: the canteen's menu and the central's snapshot of the seniors
 * eligible today with the central's assessment of each, their cards and the quota they had used, and the policy
 * version in force. Kept on disk (a terminal restarted during an outage still has it). Sales made at this counter
 * after the snapshot are counted on top of it, so one counter cannot subsidise a senior twice; what other counters
 * did meanwhile it cannot know — those are the conflicts the central settles (README).
 *
 * <p>It holds no rule of its own: the core's {@link CounterOfflineDecider} decides, with the version rebuilt from the
 * policy files the core ships (by the copy's jurisdiction and version id). A copy it cannot decide from — of an older
 * format without the assessments, or made under a version this counter's files do not hold or hold with other
 * figures — still identifies the senior, and grants nothing ({@code OFFLINE_COPY_STALE}) until the next refresh.
 */
public final class OfflineCopy {

    private static final Logger LOG = Logger.getLogger(OfflineCopy.class);
    static final String FILE = "offline-copy.json";

    private record Use(Instant countedAt, LocalDate day) {
    }

    /**
     * Margin for the two clocks: a sale counted here less than this before the snapshot was made may not be in it,
     * so it stays counted (at worst a senior is refused offline who could have been granted).
     */
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(10);

    /** What the counter decided offline, in the shape of the central's preview, plus who it was. */
    public record Decision(boolean granted, Long seniorId, MealPreview preview) {
    }

    /**
     * The file on disk: the central's menu and snapshot answers as they came, but the snapshot's card key sealed
     * ({@link CopySeal}) under this terminal's secret instead of in clear ({@code cardKey} null).
     */
    private record Copy(CounterMenu menu, OfflineSnapshot snapshot, String sealedCardKey) {
    }

    /** An offline refusal to identify: code and Chinese message. */
    public static final class NotIdentified extends RuntimeException {
        private final String code;

        NotIdentified(String code, String messageZh) {
            super(messageZh, null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }

        public String messageZh() {
            return getMessage();
        }
    }

    private final Path file;
    private final ObjectMapper json;
    private final OfflineConfig config;
    private final PolicyCatalog policies;
    private final Supplier<Optional<String>> terminalSecret;
    /** When a sale was counted here (business time, the counter's one clock). */
    private final Clock clock;

    // guarded by this
    private CounterMenu menu;
    private OfflineSnapshot snapshot;
    private Instant snapshotAt;
    /** The version the snapshot was made under as this counter's policy files hold it; empty when they do not. */
    private Optional<PolicyVersion> policy = Optional.empty();
    private final Map<String, OfflineSnapshot.SeniorEntry> byCard = new HashMap<>();
    private final Map<Long, OfflineSnapshot.SeniorEntry> bySenior = new HashMap<>();
    /** The key the copy's card hashes were made with; null for a copy that has none (matches no card). */
    private CardKey cardKey;
    /** Subsidised sales made here, per senior: when counted and for which day. */
    private final Map<Long, List<Use>> localUse = new HashMap<>();
    /** Subsidies this counter granted offline on a day, as its journal holds them (synced or not, across restarts). */
    private final ToIntFunction<LocalDate> grantedOffline;

    /**
     * @param terminalSecret this terminal's secret (from its configuration, never from beside the copy), which the
     *                       card key on disk is sealed under; empty while the terminal has no credential
     */
    public OfflineCopy(OfflineConfig config, ToIntFunction<LocalDate> grantedOffline, Clock clock,
                       Supplier<Optional<String>> terminalSecret) {
        this(config, grantedOffline, clock, terminalSecret, PolicyCatalog.loadDefault());
    }

    /** @param policies the policy files this counter decides by: the core's own, as the central's */
    OfflineCopy(OfflineConfig config, ToIntFunction<LocalDate> grantedOffline, Clock clock,
                Supplier<Optional<String>> terminalSecret, PolicyCatalog policies) {
        this.config = config;
        this.terminalSecret = terminalSecret;
        this.clock = clock;
        this.policies = policies;
        this.json = ContractJson.mapper();
        this.grantedOffline = grantedOffline;
        this.file = config.dataDir().resolve(FILE);
        load();
    }

    /**
     * Replaces the copy with a fresh one from the central (whole, or a delta from the version held) and writes it to
     * disk, owner-only. Returns false, changing nothing, for a delta from another version than the one held.
     */
    public synchronized boolean replace(CounterMenu newMenu, OfflineSnapshot newSnapshot) {
        OfflineSnapshot whole;
        if (newSnapshot.isDelta()) {
            if (snapshot == null) {
                return false;
            }
            try {
                whole = snapshot.applying(newSnapshot);
            } catch (IllegalArgumentException otherBase) {
                return false;
            }
        } else {
            whole = newSnapshot;
        }
        write(newMenu, whole);
        use(newMenu, whole);
        return true;
    }

    /** Writes the copy owner-only, its card key sealed under the terminal's secret (without a secret: no key). */
    private void write(CounterMenu newMenu, OfflineSnapshot whole) {
        String sealed = null;
        Optional<CardKey> key = whole.key();
        if (key.isPresent()) {
            Optional<String> secret = terminalSecret.get();
            if (secret.isPresent()) {
                sealed = CopySeal.of(secret.get()).seal(key.get(), whole);
            } else {
                LOG.warn("no terminal secret to seal the offline copy's card key with: the copy on disk matches no "
                        + "card after a restart until the next refresh");
            }
        }
        try {
            OwnerOnlyFiles.directory(file.getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            OwnerOnlyFiles.write(tmp, json.writeValueAsBytes(new Copy(newMenu, whole.withCardKey(null), sealed)));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warnf("cannot write the offline copy to %s: %s", file, e.getMessage());
        }
    }

    /** The version of the copy held (to ask the central for what changed since), empty with none. */
    public synchronized Optional<Long> version() {
        return snapshot == null || snapshot.version() == 0 ? Optional.empty() : Optional.of(snapshot.version());
    }

    /** The copy's seniors as held now (a whole copy), empty with none: for the page and tests. */
    public synchronized Optional<OfflineSnapshot> snapshot() {
        return Optional.ofNullable(snapshot);
    }

    public synchronized Optional<Instant> snapshotTime() {
        return Optional.ofNullable(snapshotAt);
    }

    public synchronized CounterMenu menu() {
        return menu;
    }

    /** How many seniors the copy holds (for the page). */
    public synchronized int seniors() {
        return bySenior.size();
    }

    /**
     * Decides a meal from the copy: who it is, and whether the subsidy can be granted here and now. The decision is
     * the core's ({@link CounterOfflineDecider}, thus {@code MealDecider} on the central's assessment of the senior);
     * the copy only supplies what it knows: the assessment, the version, the menu and the quota counted so far.
     *
     * @throws NotIdentified when the credential cannot be resolved offline
     */
    public synchronized Decision decide(IdentificationRequest identification, String mealSetCode, Instant now) {
        if (snapshot == null || menu == null) {
            throw new NotIdentified("OFFLINE_NO_COPY", "网络中断，且本机没有离线缓存：无法识别老人，请按原价收费并记下老人姓名");
        }
        boolean printed = false;
        OfflineSnapshot.SeniorEntry senior;
        String method = identification.method();
        if (IdentificationRequest.CARD.equals(method)) {
            senior = byCard(identification.cardKind(), identification.identifier());
            printed = "PRINTED_QR".equals(identification.cardKind());
        } else if (IdentificationRequest.QR.equals(method)) {
            QrToken token;
            try {
                token = SignedQrToken.parse(String.valueOf(identification.token())).token();
            } catch (QrTokenException e) {
                throw new NotIdentified("QR_" + e.code().name(), e.messageZh());
            }
            printed = token.kind() == QrTokenKind.PRINTED;
            senior = printed ? byCard(CardKey.PRINTED_CARD, String.valueOf(token.holderId()))
                    : bySenior.get(token.holderId());
        } else {
            throw new NotIdentified("OFFLINE_NO_MANUAL_LOOKUP",
                    "网络中断时不能按身份证号查询：请老人刷卡或出示二维码；否则按原价收费");
        }
        CounterMenu.SetView set = menu.set(mealSetCode);
        MealSlot slot = set == null ? null : slotOf(set.slot());
        if (set == null || slot == null || set.price() == null) {
            throw new NotIdentified("UNKNOWN_MEAL_SET", "菜单中没有该套餐，请重新选择");
        }
        LocalDate today = ChinaCalendar.mealDate(now);
        // the copy's counts while it is of this day and week, plus what this counter sold since
        int usedToday = 0;
        int usedWeek = 0;
        if (senior != null) {
            usedToday = localUse(senior.seniorId(), today);
            usedWeek = localUseInWeek(senior.seniorId(), today);
            if (today.equals(snapshot.date())) {
                usedToday += Math.max(0, senior.usedToday());
            }
            if (ChinaCalendar.weekOf(today).toString().equals(snapshot.week())) {
                usedWeek += Math.max(0, senior.usedThisWeek());
            }
        }
        // today is part of the week: a copy whose counts disagree is taken at the larger (refuses, never grants more)
        usedWeek = Math.max(usedWeek, usedToday);
        boolean decidable = policy.isPresent() && menu.standardPrice() != null;
        MealRequest meal = new MealRequest(now, slot, set.price(),
                Objects.requireNonNullElse(menu.standardPrice(), Money.ZERO), usedToday, usedWeek);
        Optional<Eligibility> assessed = senior == null || !decidable ? Optional.empty()
                : senior.assessment(snapshot.date(), policy.get().id());
        CounterOfflineDecision d = CounterOfflineDecider.decide(new CounterOfflineRequest(senior != null, assessed,
                policy, meal, copyDay(), snapshotAt, config.maxCopyAge(), config.grantSubsidies(),
                grantedOffline.applyAsInt(today), config.maxSubsidisedSales()));
        MealAuthorisation.SeniorView who = senior == null
                ? new MealAuthorisation.SeniorView("未在离线缓存中", "—", false, "")
                : MealAuthorisation.SeniorView.of(senior.nameMasked(), senior.idNumberMasked(),
                        !senior.routeNames().isEmpty());
        MealPreview preview = new MealPreview(who, method, printed,
                new MealAuthorisation.MealSetView(set.code(), set.name(), set.slot()), today,
                ChinaCalendar.weekOf(today).toString(), d.granted(), d.setPrice(), d.discount(), d.amountToPay(),
                d.remainingToday(), d.remainingThisWeek(), d.policyVersionId(), d.announcementZh(), d.code(),
                d.granted() ? null : d.messageZh(), RefusalReason.shownAtCounter(d.reasons()));
        return new Decision(d.granted(), senior == null ? null : senior.seniorId(), preview);
    }

    /**
     * The day the copy is of: its menu and its seniors must be of the same day and version; if not (a refresh cut
     * between the two at midnight), no day, so the core finds it stale.
     */
    private LocalDate copyDay() {
        boolean onePiece = snapshot.date() != null && snapshot.date().equals(menu.date())
                && Objects.equals(snapshot.ruleVersion(), menu.ruleVersion());
        return onePiece ? snapshot.date() : LocalDate.MIN;
    }

    private static MealSlot slotOf(String name) {
        return Arrays.stream(MealSlot.values()).filter(slot -> slot.name().equals(name)).findFirst().orElse(null);
    }

    /** Counts a subsidised sale made at this counter (live or offline) against the copy's quota. */
    public synchronized void counted(Long seniorId, LocalDate day) {
        if (seniorId == null) {
            return;
        }
        localUse.computeIfAbsent(seniorId, id -> new ArrayList<>()).add(new Use(clock.instant(), day));
    }

    /** The senior a live answer was about, if the copy knows the credential (to count it against the copy). */
    public synchronized Long seniorOf(IdentificationRequest identification) {
        if (identification == null) {
            return null;
        }
        if (IdentificationRequest.CARD.equals(identification.method())) {
            OfflineSnapshot.SeniorEntry s = byCard(identification.cardKind(), identification.identifier());
            return s == null ? null : s.seniorId();
        }
        if (IdentificationRequest.QR.equals(identification.method())) {
            try {
                QrToken token = SignedQrToken.parse(String.valueOf(identification.token())).token();
                OfflineSnapshot.SeniorEntry s = token.kind() == QrTokenKind.PRINTED
                        ? byCard(CardKey.PRINTED_CARD, String.valueOf(token.holderId())) : bySenior.get(token.holderId());
                return s == null ? null : s.seniorId();
            } catch (QrTokenException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * The senior whose card of {@code kind} has {@code identifier} (for a signed printed code, the card id it names):
     * what was read, hashed with the copy's key, looked up among the copy's hashes.
     */
    private OfflineSnapshot.SeniorEntry byCard(String kind, String identifier) {
        if (cardKey == null || kind == null || identifier == null) {
            return null;
        }
        return byCard.get(kind + ":" + cardKey.hash(kind, identifier));
    }

    private int localUse(long seniorId, LocalDate day) {
        return (int) localUse.getOrDefault(seniorId, List.of()).stream().filter(u -> u.day().equals(day)).count();
    }

    private int localUseInWeek(long seniorId, LocalDate day) {
        LocalDate monday = ChinaCalendar.weekOf(day).monday();
        return (int) localUse.getOrDefault(seniorId, List.of()).stream()
                .filter(u -> !u.day().isBefore(monday) && u.day().isBefore(monday.plusDays(7))).count();
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            // a copy written world-readable by an older version is made owner-only
            OwnerOnlyFiles.restrict(file);
            OwnerOnlyFiles.directory(file.getParent());
            Copy both = json.readValue(file.toFile(), Copy.class);
            if (both == null || both.menu() == null || both.snapshot() == null) {
                throw new IllegalStateException("no menu or no snapshot in it");
            }
            OfflineSnapshot held = both.snapshot();
            if (both.sealedCardKey() != null) {
                Optional<String> secret = terminalSecret.get();
                if (secret.isEmpty()) {
                    LOG.errorf("离线缓存 %s 的卡密钥需用本终端密钥解开,但未配置终端密钥: 本机暂无离线缓存 (the offline copy's card "
                            + "key is sealed under the terminal secret, which is not configured: no offline copy until "
                            + "the next refresh)", file);
                    return;
                }
                try {
                    held = held.withCardKey(CopySeal.of(secret.get()).open(both.sealedCardKey(), held).text());
                } catch (GeneralSecurityException wrongSecret) {
                    LOG.errorf("离线缓存 %s 无法用本终端密钥解开 (密钥已更换, 或文件被改动/来自别处): 本机暂无离线缓存, 待联网刷新 (the "
                            + "offline copy's card key does not open with this terminal's secret — rotated, or the file "
                            + "was altered or comes from elsewhere: no offline copy until the next refresh)", file);
                    return;
                }
            } else if (held.cardKey() != null) {
                // written by an older version with the key in clear: sealed now, so the key leaves the disk
                write(both.menu(), held);
            }
            use(both.menu(), held);
            LOG.infof("offline copy of %s loaded: %d seniors", snapshot.date(), bySenior.size());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("the offline copy %s is unreadable, ignored until the next refresh: %s", file, e.getMessage());
        }
    }

    private void use(CounterMenu newMenu, OfflineSnapshot newSnapshot) {
        Instant generated = Objects.requireNonNull(newSnapshot.generatedAt(), "the snapshot's generatedAt");
        byCard.clear();
        bySenior.clear();
        cardKey = newSnapshot.key().orElse(null);
        for (OfflineSnapshot.SeniorEntry senior : newSnapshot.seniorsOrNone()) {
            bySenior.put(senior.seniorId(), senior);
            for (OfflineSnapshot.CardEntry card : Objects.requireNonNullElse(senior.cards(),
                    List.<OfflineSnapshot.CardEntry>of())) {
                if (card.kind() != null && card.hash() != null) {
                    byCard.put(card.kind() + ":" + card.hash(), senior);
                }
            }
        }
        // sales counted here well before this snapshot are in it now (the caller refreshes only with no offline
        // sale waiting, so everything sold here is known centrally)
        Instant known = generated.minus(CLOCK_MARGIN);
        localUse.values().forEach(uses -> uses.removeIf(u -> u.countedAt().isBefore(known)));
        localUse.values().removeIf(List::isEmpty);
        menu = newMenu;
        snapshot = newSnapshot;
        snapshotAt = generated;
        policy = versionOf(newSnapshot);
        if (bySenior.values().stream().anyMatch(s -> s.eligibility() == null)) {
            LOG.warnf("the offline copy of %s carries no eligibility assessments (an older format): it grants no "
                    + "subsidy offline until the next refresh", newSnapshot.date());
        }
    }

    /** The snapshot's version from this counter's policy files, if they hold it with the same figures. */
    private Optional<PolicyVersion> versionOf(OfflineSnapshot copy) {
        if (copy.ruleVersion() == null) {
            return Optional.empty(); // no version in force that day: the copy lists nobody
        }
        if (copy.jurisdiction() == null) {
            return Optional.empty(); // a copy of the older format: said once below
        }
        Optional<PolicyVersion> known = policies.findBook(copy.jurisdiction())
                .flatMap(book -> book.version(copy.ruleVersion()));
        if (known.isEmpty()) {
            LOG.warnf("the offline copy was made under %s (%s), which this counter's policy files do not hold: it "
                    + "grants no subsidy offline until the counter is updated", copy.ruleVersion(), copy.jurisdiction());
            return Optional.empty();
        }
        if (!copy.madeUnder(known.get())) {
            LOG.warnf("the offline copy's figures for %s differ from this counter's policy files: it grants no "
                    + "subsidy offline until they agree", copy.ruleVersion());
            return Optional.empty();
        }
        return known;
    }
}
