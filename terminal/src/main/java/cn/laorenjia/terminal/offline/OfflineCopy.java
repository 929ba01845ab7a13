package cn.laorenjia.terminal.offline;

import cn.laorenjia.contract.counter.CounterMenu;
import cn.laorenjia.contract.counter.MealPreview;
import cn.laorenjia.contract.json.ContractJson;
import cn.laorenjia.contract.meal.IdentificationRequest;
import cn.laorenjia.contract.meal.MealAuthorisation;
import cn.laorenjia.contract.offline.OfflineSnapshot;
import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.qr.QrToken;
import cn.laorenjia.core.qr.QrTokenException;
import cn.laorenjia.core.qr.QrTokenKind;
import cn.laorenjia.core.qr.SignedQrToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * The counter's cached copy for deciding offline: the canteen's menu and the central's snapshot of the seniors
 * eligible today with their cards and the quota they had used. Kept on disk (a terminal restarted during an
 * outage still has it). Sales made at this counter after the snapshot are counted on top of it, so one counter
 * cannot subsidise a senior twice; what other counters did meanwhile it cannot know — those are the conflicts the
 * central settles (README).
 *
 * <p>Conservative on purpose: it grants only with a copy of today (eligibility and qualifying days depend on the
 * date), no older than the configured age, and within this terminal's daily offline limit.
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

    /** The file on disk: the central's menu and snapshot answers as they came. */
    private record Copy(CounterMenu menu, OfflineSnapshot snapshot) {
    }

    /** A preview being decided: filled in step by step, as the central's preview would read. */
    private static final class Draft {
        boolean needsSecondCheck;
        MealAuthorisation.MealSetView mealSet;
        LocalDate mealDate;
        Money price;
        String ruleVersion;
        MealAuthorisation.SeniorView senior;
        Integer remainingThisWeek;
        int remainingToday;
        boolean subsidised;
        Money discount;
        Money amountToPay;
        String refusalCode;
        String refusalMessage;
        String announcementZh;

        MealPreview preview() {
            return new MealPreview(senior, null, needsSecondCheck, mealSet, mealDate, null, subsidised, price, discount,
                    amountToPay, remainingToday, remainingThisWeek == null ? 0 : remainingThisWeek, ruleVersion,
                    announcementZh, refusalCode, refusalMessage, null);
        }
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

    // guarded by this
    private CounterMenu menu;
    private OfflineSnapshot snapshot;
    private Instant snapshotAt;
    private final Map<String, OfflineSnapshot.SeniorEntry> byCard = new HashMap<>();
    private final Map<Long, OfflineSnapshot.SeniorEntry> bySenior = new HashMap<>();
    private final Map<Long, OfflineSnapshot.SeniorEntry> byCardId = new HashMap<>();
    /** Subsidised sales made here, per senior: when counted and for which day. */
    private final Map<Long, List<Use>> localUse = new HashMap<>();
    /** Subsidies this counter granted offline on a day, as its journal holds them (synced or not, across restarts). */
    private final ToIntFunction<LocalDate> grantedOffline;

    public OfflineCopy(OfflineConfig config, ToIntFunction<LocalDate> grantedOffline) {
        this.config = config;
        this.json = ContractJson.mapper();
        this.grantedOffline = grantedOffline;
        this.file = config.dataDir().resolve(FILE);
        load();
    }

    /** Replaces the copy with a fresh one from the central and writes it to disk. */
    public synchronized void replace(CounterMenu newMenu, OfflineSnapshot newSnapshot) {
        Copy both = new Copy(newMenu, newSnapshot);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.write(tmp, json.writeValueAsBytes(both));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warnf("cannot write the offline copy to %s: %s", file, e.getMessage());
        }
        use(newMenu, newSnapshot);
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
     * Decides a meal from the copy: who it is, and whether the subsidy can be granted here and now.
     *
     * @throws NotIdentified when the credential cannot be resolved offline
     */
    public synchronized Decision decide(IdentificationRequest identification, String mealSetCode, Instant now) {
        if (snapshot == null || menu == null) {
            throw new NotIdentified("OFFLINE_NO_COPY", "网络中断,且本机没有离线缓存:无法识别老人,请按原价收费并记下老人姓名");
        }
        boolean printed = false;
        OfflineSnapshot.SeniorEntry senior;
        String method = identification.method();
        if (IdentificationRequest.CARD.equals(method)) {
            senior = byCard.get(identification.cardKind() + ":" + identification.identifier());
            printed = "PRINTED_QR".equals(identification.cardKind());
        } else if (IdentificationRequest.QR.equals(method)) {
            QrToken token;
            try {
                token = SignedQrToken.parse(String.valueOf(identification.token())).token();
            } catch (QrTokenException e) {
                throw new NotIdentified("QR_" + e.code().name(), e.messageZh());
            }
            printed = token.kind() == QrTokenKind.PRINTED;
            senior = printed ? byCardId.get(token.holderId()) : bySenior.get(token.holderId());
        } else {
            throw new NotIdentified("OFFLINE_NO_MANUAL_LOOKUP",
                    "网络中断时不能按身份证号查询:请老人刷卡或出示二维码;否则按原价收费");
        }
        CounterMenu.SetView set = menu.set(mealSetCode);
        if (set == null) {
            throw new NotIdentified("UNKNOWN_MEAL_SET", "菜单中没有该套餐,请重新选择");
        }
        Money price = set.price();
        Draft preview = new Draft();
        preview.needsSecondCheck = printed;
        preview.mealSet = new MealAuthorisation.MealSetView(set.code(), set.name(), set.slot());
        LocalDate today = ChinaCalendar.mealDate(now);
        preview.mealDate = today;
        preview.price = price;
        preview.ruleVersion = snapshot.ruleVersion();
        if (senior == null) {
            preview.senior = new MealAuthorisation.SeniorView("未在离线缓存中", "—", null, List.of());
            return refused(preview, price, null, "OFFLINE_NOT_IN_COPY",
                    "离线缓存中没有这位老人(未登记或今日不符合条件):本餐按原价收费");
        }
        long seniorId = senior.seniorId();
        preview.senior = new MealAuthorisation.SeniorView(senior.nameMasked(), senior.idNumberMasked(), null,
                senior.routesZh() == null ? List.of() : senior.routesZh());
        int perDay = snapshot.perDay();
        int perWeek = snapshot.perWeek();
        boolean sameWeek = ChinaCalendar.weekOf(today).toString().equals(snapshot.week());
        int usedToday = localUse(seniorId, today);
        int usedWeek = localUseInWeek(seniorId, today);
        if (today.equals(snapshot.date())) {
            usedToday += senior.usedToday();
        }
        if (sameWeek) {
            usedWeek += senior.usedThisWeek();
        }
        int leftWeek = Math.max(0, perWeek - usedWeek);
        preview.remainingThisWeek = leftWeek;
        preview.remainingToday = Math.min(leftWeek, Math.max(0, perDay - usedToday));
        if (!config.grantSubsidies()) {
            return refused(preview, price, seniorId, "OFFLINE_SUBSIDY_OFF", "本终端离线时不给予补贴:本餐按原价收费");
        }
        if (!today.equals(snapshot.date()) || !today.equals(menu.date())
                || Duration.between(snapshotAt, now).compareTo(config.maxCopyAge()) > 0) {
            return refused(preview, price, seniorId, "OFFLINE_COPY_STALE",
                    "离线缓存不是今天的,不能离线补贴:本餐按原价收费,联网后可联系街镇核实");
        }
        if (!set.qualifies()) {
            return refused(preview, price, seniorId, "BELOW_STANDARD_PRICE",
                    Objects.requireNonNullElse(set.whyNotZh(), "该套餐不享受补贴"));
        }
        if (usedWeek >= perWeek) {
            return refused(preview, price, seniorId, "QUOTA_USED_THIS_WEEK", "本周补贴次数已用完,本餐按原价收费");
        }
        if (usedToday >= perDay) {
            return refused(preview, price, seniorId, "QUOTA_USED_TODAY", "今日补贴次数已用完,本餐按原价收费");
        }
        if (grantedOffline.applyAsInt(today) >= config.maxSubsidisedSales()) {
            return refused(preview, price, seniorId, "OFFLINE_LIMIT_REACHED",
                    "本终端今日离线补贴已达上限(" + config.maxSubsidisedSales() + "笔):本餐按原价收费");
        }
        Money discount = price.min(Objects.requireNonNullElse(snapshot.subsidy(), Money.ZERO));
        Money toPay = price.minus(discount);
        int leftAfter = leftWeek - 1;
        preview.subsidised = true;
        preview.discount = discount;
        preview.amountToPay = toPay;
        preview.remainingThisWeek = leftAfter;
        preview.remainingToday = 0;
        preview.announcementZh = "离线减免" + discount.toYuanString().replace(".00", "") + "元,本周还剩" + leftAfter + "次";
        return new Decision(true, seniorId, preview.preview());
    }

    /** Counts a subsidised sale made at this counter (live or offline) against the copy's quota. */
    public synchronized void counted(Long seniorId, LocalDate day) {
        if (seniorId == null) {
            return;
        }
        localUse.computeIfAbsent(seniorId, id -> new ArrayList<>()).add(new Use(Instant.now(), day));
    }

    /** The senior a live answer was about, if the copy knows the credential (to count it against the copy). */
    public synchronized Long seniorOf(IdentificationRequest identification) {
        if (identification == null) {
            return null;
        }
        if (IdentificationRequest.CARD.equals(identification.method())) {
            OfflineSnapshot.SeniorEntry s = byCard.get(identification.cardKind() + ":" + identification.identifier());
            return s == null ? null : s.seniorId();
        }
        if (IdentificationRequest.QR.equals(identification.method())) {
            try {
                QrToken token = SignedQrToken.parse(String.valueOf(identification.token())).token();
                OfflineSnapshot.SeniorEntry s = token.kind() == QrTokenKind.PRINTED
                        ? byCardId.get(token.holderId()) : bySenior.get(token.holderId());
                return s == null ? null : s.seniorId();
            } catch (QrTokenException e) {
                return null;
            }
        }
        return null;
    }

    private Decision refused(Draft preview, Money price, Long seniorId, String code, String messageZh) {
        preview.subsidised = false;
        preview.discount = Money.ZERO;
        preview.amountToPay = price;
        preview.refusalCode = code;
        preview.refusalMessage = messageZh;
        preview.announcementZh = "按原价收费";
        if (preview.remainingThisWeek == null) {
            preview.remainingThisWeek = 0;
        }
        return new Decision(false, seniorId, preview.preview());
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
            Copy both = json.readValue(file.toFile(), Copy.class);
            if (both == null || both.menu() == null || both.snapshot() == null) {
                throw new IllegalStateException("no menu or no snapshot in it");
            }
            use(both.menu(), both.snapshot());
            LOG.infof("offline copy of %s loaded: %d seniors", snapshot.date(), bySenior.size());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("the offline copy %s is unreadable, ignored until the next refresh: %s", file, e.getMessage());
        }
    }

    private void use(CounterMenu newMenu, OfflineSnapshot newSnapshot) {
        Instant generated = Objects.requireNonNull(newSnapshot.generatedAt(), "the snapshot's generatedAt");
        byCard.clear();
        bySenior.clear();
        byCardId.clear();
        for (OfflineSnapshot.SeniorEntry senior : Objects.requireNonNullElse(newSnapshot.seniors(),
                List.<OfflineSnapshot.SeniorEntry>of())) {
            bySenior.put(senior.seniorId(), senior);
            for (OfflineSnapshot.CardEntry card : Objects.requireNonNullElse(senior.cards(),
                    List.<OfflineSnapshot.CardEntry>of())) {
                byCard.put(card.kind() + ":" + card.identifier(), senior);
                byCardId.put(card.cardId(), senior);
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
    }
}
