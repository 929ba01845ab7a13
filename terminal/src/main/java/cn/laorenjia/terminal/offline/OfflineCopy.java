package cn.laorenjia.terminal.offline;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.qr.QrToken;
import cn.laorenjia.core.qr.QrTokenException;
import cn.laorenjia.core.qr.QrTokenKind;
import cn.laorenjia.core.qr.SignedQrToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    public record Decision(boolean granted, Long seniorId, ObjectNode preview) {
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
    private JsonNode menu;
    private JsonNode snapshot;
    private Instant snapshotAt;
    private final Map<String, JsonNode> byCard = new HashMap<>();
    private final Map<Long, JsonNode> bySenior = new HashMap<>();
    private final Map<Long, JsonNode> byCardId = new HashMap<>();
    /** Subsidised sales made here, per senior: when counted and for which day. */
    private final Map<Long, List<Use>> localUse = new HashMap<>();
    /** Subsidies this counter granted offline on a day, as its journal holds them (synced or not, across restarts). */
    private final ToIntFunction<LocalDate> grantedOffline;

    public OfflineCopy(OfflineConfig config, ObjectMapper json, ToIntFunction<LocalDate> grantedOffline) {
        this.config = config;
        this.json = json;
        this.grantedOffline = grantedOffline;
        this.file = config.dataDir().resolve(FILE);
        load();
    }

    /** Replaces the copy with a fresh one from the central and writes it to disk. */
    public synchronized void replace(JsonNode newMenu, JsonNode newSnapshot) {
        ObjectNode both = json.createObjectNode();
        both.set("menu", newMenu);
        both.set("snapshot", newSnapshot);
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

    public synchronized JsonNode menu() {
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
    public synchronized Decision decide(Map<String, Object> identification, String mealSetCode, Instant now) {
        if (snapshot == null || menu == null) {
            throw new NotIdentified("OFFLINE_NO_COPY", "网络中断,且本机没有离线缓存:无法识别老人,请按原价收费并记下老人姓名");
        }
        boolean printed = false;
        JsonNode senior;
        String method = String.valueOf(identification.get("method"));
        if ("CARD".equals(method)) {
            senior = byCard.get(identification.get("cardKind") + ":" + identification.get("identifier"));
            printed = "PRINTED_QR".equals(identification.get("cardKind"));
        } else if ("QR".equals(method)) {
            QrToken token;
            try {
                token = SignedQrToken.parse(String.valueOf(identification.get("token"))).token();
            } catch (QrTokenException e) {
                throw new NotIdentified("QR_" + e.code().name(), e.messageZh());
            }
            printed = token.kind() == QrTokenKind.PRINTED;
            senior = printed ? byCardId.get(token.holderId()) : bySenior.get(token.holderId());
        } else {
            throw new NotIdentified("OFFLINE_NO_MANUAL_LOOKUP",
                    "网络中断时不能按身份证号查询:请老人刷卡或出示二维码;否则按原价收费");
        }
        JsonNode set = setOnMenu(mealSetCode);
        if (set == null) {
            throw new NotIdentified("UNKNOWN_MEAL_SET", "菜单中没有该套餐,请重新选择");
        }
        Money price = Money.ofFen(set.path("priceFen").asLong());
        ObjectNode preview = json.createObjectNode();
        preview.put("offline", true);
        preview.put("needsSecondCheck", printed);
        ObjectNode setView = preview.putObject("mealSet");
        setView.put("code", set.path("code").asText()).put("name", set.path("name").asText())
                .put("slot", set.path("slot").asText());
        LocalDate today = ChinaCalendar.mealDate(now);
        preview.put("mealDate", today.toString());
        preview.put("priceFen", price.fen()).put("price", price.toYuanString());
        preview.put("ruleVersion", snapshot.path("ruleVersion").asText(null));
        if (senior == null) {
            ObjectNode who = preview.putObject("senior");
            who.put("nameMasked", "未在离线缓存中").put("idNumberMasked", "—");
            who.putArray("routesZh");
            return refused(preview, price, null, "OFFLINE_NOT_IN_COPY",
                    "离线缓存中没有这位老人(未登记或今日不符合条件):本餐按原价收费");
        }
        long seniorId = senior.path("seniorId").asLong();
        ObjectNode who = preview.putObject("senior");
        who.put("nameMasked", senior.path("nameMasked").asText())
                .put("idNumberMasked", senior.path("idNumberMasked").asText());
        who.set("routesZh", senior.path("routesZh"));
        int perDay = snapshot.path("perDay").asInt();
        int perWeek = snapshot.path("perWeek").asInt();
        boolean sameWeek = ChinaCalendar.weekOf(today).toString().equals(snapshot.path("week").asText());
        int usedToday = localUse(seniorId, today);
        int usedWeek = localUseInWeek(seniorId, today);
        if (LocalDate.parse(snapshot.path("date").asText()).equals(today)) {
            usedToday += senior.path("usedToday").asInt();
        }
        if (sameWeek) {
            usedWeek += senior.path("usedThisWeek").asInt();
        }
        int leftWeek = Math.max(0, perWeek - usedWeek);
        preview.put("remainingThisWeek", leftWeek);
        preview.put("remainingToday", Math.min(leftWeek, Math.max(0, perDay - usedToday)));
        if (!config.grantSubsidies()) {
            return refused(preview, price, seniorId, "OFFLINE_SUBSIDY_OFF", "本终端离线时不给予补贴:本餐按原价收费");
        }
        if (!today.toString().equals(snapshot.path("date").asText()) || !today.toString().equals(menu.path("date").asText())
                || Duration.between(snapshotAt, now).compareTo(config.maxCopyAge()) > 0) {
            return refused(preview, price, seniorId, "OFFLINE_COPY_STALE",
                    "离线缓存不是今天的,不能离线补贴:本餐按原价收费,联网后可联系街镇核实");
        }
        if (!set.path("qualifies").asBoolean()) {
            return refused(preview, price, seniorId, "BELOW_STANDARD_PRICE", set.path("whyNotZh").asText("该套餐不享受补贴"));
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
        Money discount = price.min(Money.ofFen(snapshot.path("subsidyFen").asLong()));
        Money toPay = price.minus(discount);
        int leftAfter = leftWeek - 1;
        preview.put("subsidised", true);
        preview.put("discountFen", discount.fen()).put("discount", discount.toYuanString());
        preview.put("amountToPayFen", toPay.fen()).put("amountToPay", toPay.toYuanString());
        preview.put("remainingThisWeek", leftAfter);
        preview.put("remainingToday", 0);
        preview.put("announcementZh", "离线减免" + discount.toYuanString().replace(".00", "") + "元,本周还剩" + leftAfter + "次");
        return new Decision(true, seniorId, preview);
    }

    /** Counts a subsidised sale made at this counter (live or offline) against the copy's quota. */
    public synchronized void counted(Long seniorId, LocalDate day) {
        if (seniorId == null) {
            return;
        }
        localUse.computeIfAbsent(seniorId, id -> new ArrayList<>()).add(new Use(Instant.now(), day));
    }

    /** The senior a live answer was about, if the copy knows the credential (to count it against the copy). */
    public synchronized Long seniorOf(Map<String, Object> identification) {
        if ("CARD".equals(String.valueOf(identification.get("method")))) {
            JsonNode s = byCard.get(identification.get("cardKind") + ":" + identification.get("identifier"));
            return s == null ? null : s.path("seniorId").asLong();
        }
        if ("QR".equals(String.valueOf(identification.get("method")))) {
            try {
                QrToken token = SignedQrToken.parse(String.valueOf(identification.get("token"))).token();
                JsonNode s = token.kind() == QrTokenKind.PRINTED ? byCardId.get(token.holderId()) : bySenior.get(token.holderId());
                return s == null ? null : s.path("seniorId").asLong();
            } catch (QrTokenException e) {
                return null;
            }
        }
        return null;
    }

    private Decision refused(ObjectNode preview, Money price, Long seniorId, String code, String messageZh) {
        preview.put("subsidised", false);
        preview.put("discountFen", 0).put("discount", "0.00");
        preview.put("amountToPayFen", price.fen()).put("amountToPay", price.toYuanString());
        preview.put("refusalCode", code).put("refusalMessage", messageZh);
        preview.put("announcementZh", "按原价收费");
        if (!preview.has("remainingThisWeek")) {
            preview.put("remainingThisWeek", 0);
        }
        return new Decision(false, seniorId, preview);
    }

    private int localUse(long seniorId, LocalDate day) {
        return (int) localUse.getOrDefault(seniorId, List.of()).stream().filter(u -> u.day().equals(day)).count();
    }

    private int localUseInWeek(long seniorId, LocalDate day) {
        LocalDate monday = ChinaCalendar.weekOf(day).monday();
        return (int) localUse.getOrDefault(seniorId, List.of()).stream()
                .filter(u -> !u.day().isBefore(monday) && u.day().isBefore(monday.plusDays(7))).count();
    }

    private JsonNode setOnMenu(String code) {
        for (JsonNode set : menu.path("sets")) {
            if (set.path("code").asText().equals(code)) {
                return set;
            }
        }
        return null;
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            JsonNode both = json.readTree(file.toFile());
            use(both.path("menu"), both.path("snapshot"));
            LOG.infof("offline copy of %s loaded: %d seniors", snapshot.path("date").asText(), bySenior.size());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("the offline copy %s is unreadable, ignored until the next refresh: %s", file, e.getMessage());
        }
    }

    private void use(JsonNode newMenu, JsonNode newSnapshot) {
        Instant generated = Instant.parse(newSnapshot.path("generatedAt").asText());
        byCard.clear();
        bySenior.clear();
        byCardId.clear();
        for (JsonNode senior : newSnapshot.path("seniors")) {
            bySenior.put(senior.path("seniorId").asLong(), senior);
            for (JsonNode card : senior.path("cards")) {
                byCard.put(card.path("kind").asText() + ":" + card.path("identifier").asText(), senior);
                byCardId.put(card.path("cardId").asLong(), senior);
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
