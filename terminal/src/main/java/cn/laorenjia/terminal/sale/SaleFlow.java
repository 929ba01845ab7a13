package cn.laorenjia.terminal.sale;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.meal.MealSlot;
import cn.laorenjia.core.qr.SignedQrToken;
import cn.laorenjia.terminal.identify.IdentificationFailed;
import cn.laorenjia.terminal.identify.SeniorPresented;
import cn.laorenjia.terminal.receipt.ReceiptStore;
import cn.laorenjia.terminal.settlement.SettlementClient;
import cn.laorenjia.terminal.settlement.SettlementException;
import cn.laorenjia.terminal.journal.SaleJournal;
import cn.laorenjia.terminal.offline.OfflineCopy;
import cn.laorenjia.terminal.offline.OfflineCounter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One counter's sale, step by step: the set chosen, the senior identified (by card or code events, or a
 * manual lookup), the decision previewed by the settlement service, confirmed (POST /api/meals) or refused,
 * and the last sale voided. The sale id is generated before the first attempt and kept until the service has
 * answered, so a retry after a lost answer can never record a meal twice.
 *
 * <p>Steps run one at a time (a counter serves one senior at a time); readers get the latest snapshot without
 * waiting, and every change is pushed to the pages.
 */
@ApplicationScoped
public class SaleFlow {

    private static final Logger LOG = Logger.getLogger(SaleFlow.class);
    private final ObjectMapper json = new ObjectMapper();

    private final SettlementClient settlement;
    private final ReceiptStore receipts;
    private final OfflineCounter offline;
    private final BroadcastProcessor<CounterState> updates = BroadcastProcessor.create();
    private final ReentrantLock steps = new ReentrantLock();
    /** Card and code events arrive on the reader's thread; the preview call must not hold that thread. */
    private final ExecutorService presentations = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "counter-identification");
        t.setDaemon(true);
        return t;
    });

    private volatile CounterState current;

    // guarded by steps
    private long seq;
    private JsonNode menu;
    private String selectedSet;
    private String presented;
    private Map<String, Object> identification;
    private JsonNode preview;
    private JsonNode lastSale;
    private JsonNode lastVoid;
    private String message;
    private CounterState.Problem error;
    private Pending pendingSale;
    private Pending pendingVoid;
    private CounterState.Display display = CounterState.Display.welcome();
    /** The offline decision behind {@link #preview}, when it was decided from the cached copy. */
    private OfflineCopy.Decision offlineDecision;

    /** A request sent (or about to be) whose answer has not arrived: resent as is. */
    private record Pending(UUID id, Map<String, Object> body, Object about) {
    }

    public SaleFlow(SettlementClient settlement, ReceiptStore receipts, OfflineCounter offline) {
        this.settlement = settlement;
        this.receipts = receipts;
        this.offline = offline;
        this.current = snapshot();
        offline.onChange(() -> step(() -> { }));
    }

    @PreDestroy
    void stop() {
        presentations.shutdownNow();
    }

    public CounterState state() {
        return current;
    }

    /** The current state, then every change. */
    public Multi<CounterState> changes() {
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(this::state), updates);
    }

    void onPresented(@Observes SeniorPresented event) {
        presentations.execute(() -> present(event));
    }

    void onPresentedAsync(@ObservesAsync SeniorPresented event) {
        present(event);
    }

    void onFailed(@Observes IdentificationFailed failure) {
        presentations.execute(() -> showFailure(failure));
    }

    void onFailedAsync(@ObservesAsync IdentificationFailed failure) {
        showFailure(failure);
    }

    private void showFailure(IdentificationFailed failure) {
        step(() -> {
            error = new CounterState.Problem(failure.code(), failure.messageZh());
            message = null;
            display = new CounterState.Display("PROBLEM", "请稍候", "收银员正在处理", null);
        });
    }

    /** What the meal API expects for each kind of credential. */
    static Map<String, Object> identificationOf(SeniorPresented event) {
        Map<String, Object> id = new LinkedHashMap<>();
        switch (event.kind()) {
            case CARD_UID -> card(id, "UID", event.value());
            case SOCIAL_SECURITY_CARD -> card(id, "SOCIAL_SECURITY", event.value());
            // a signed printed code is verified centrally like a phone code; a legacy printed code is a card identifier
            case PRINTED_QR -> {
                if (SignedQrToken.looksSigned(event.value())) {
                    qr(id, event.value());
                } else {
                    card(id, "PRINTED_QR", event.value());
                }
            }
            case PHONE_QR -> qr(id, event.value());
        }
        return id;
    }

    private static void qr(Map<String, Object> id, String token) {
        id.put("method", "QR");
        id.put("token", token);
    }

    private static void card(Map<String, Object> id, String cardKind, String identifier) {
        id.put("method", "CARD");
        id.put("cardKind", cardKind);
        id.put("identifier", identifier);
    }

    public CounterState present(SeniorPresented event) {
        return identify(event.kind().name(), identificationOf(event));
    }

    public CounterState lookUp(String idNumber, String reason) {
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("method", "MANUAL");
        id.put("idNumber", idNumber == null ? "" : idNumber.trim().toUpperCase());
        id.put("reason", reason);
        return identify("MANUAL", id);
    }

    private CounterState identify(String kind, Map<String, Object> who) {
        return step(() -> {
            presented = kind;
            identification = who;
            pendingSale = null;
            offlineDecision = null;
            message = null;
            previewNow();
        });
    }

    public CounterState refreshMenu() {
        return step(() -> {
            menu = null;
            error = null;
            ensureMenu();
            if (identification != null) {
                previewNow();
            }
        });
    }

    public CounterState select(String mealSetCode) {
        return step(() -> {
            ensureMenu();
            if (menu != null && setOnMenu(mealSetCode) == null) {
                error = new CounterState.Problem("UNKNOWN_MEAL_SET", "菜单中没有该套餐,请重新选择");
                return;
            }
            selectedSet = mealSetCode;
            error = null;
            if (identification != null) {
                pendingSale = null;
                previewNow();
            }
        });
    }

    /**
     * Records the previewed meal. A printed code or a manual lookup only names the senior, so the cashier must
     * have checked who is at the counter ({@code identityChecked}).
     */
    public CounterState confirm(boolean identityChecked) {
        return step(() -> {
            if (preview == null) {
                error = new CounterState.Problem("NOTHING_TO_CONFIRM", "请先让老人刷卡或扫码,或按 F2 手工查询");
                return;
            }
            if (!preview.path("subsidised").asBoolean()) {
                error = new CounterState.Problem("NOT_SUBSIDISED",
                        "本餐不享受补贴,无需确认:请按原价 " + preview.path("price").asText() + " 元收款,然后按 Esc 接待下一位");
                return;
            }
            if (preview.path("needsSecondCheck").asBoolean() && !identityChecked) {
                error = new CounterState.Problem("IDENTITY_NOT_CHECKED",
                        "该方式只能说明是谁,不能证明是本人:请核对老人本人或身份证后,勾选“已核对本人”(F6)再确认");
                return;
            }
            if (offlineDecision != null) {
                sellOffline(offlineDecision, saleBody(), null);
                return;
            }
            Map<String, Object> body = saleBody();
            Object about = Objects.hash(body.get("identification"), body.get("mealSetCode"), body.get("priceFen"));
            if (pendingSale == null || !pendingSale.about().equals(about)) {
                UUID saleId = UUID.randomUUID();
                body.put("saleId", saleId.toString());
                body.put("occurredAt", OffsetDateTime.ofInstant(Instant.now(), ChinaCalendar.ZONE).toString());
                pendingSale = new Pending(saleId, body, about);
            }
            // on disk before it is sent: whatever happens next, the sale is either answered or synced later
            offline.journal().sale(pendingSale.id(), SaleJournal.Mode.ONLINE, true, json.valueToTree(pendingSale.body()));
            try {
                JsonNode answer = settlement.authorise(pendingSale.body());
                offline.reachable();
                offline.journal().done(List.of(new SaleJournal.Done(pendingSale.id(), answer.path("status").asText(), answer)));
                offline.copy().counted(offline.copy().seniorOf(identification),
                        LocalDate.parse(answer.path("mealDate").asText()));
                pendingSale = null;
                showSold(answer);
            } catch (SettlementException e) {
                if (!e.outcomeUnknown()) {
                    offline.reachable();
                    // refused: nothing was recorded, a new attempt is a new sale
                    offline.journal().done(List.of(new SaleJournal.Done(pendingSale.id(), "REFUSED_LIVE",
                            json.createObjectNode().put("code", e.code()).put("message", e.messageZh()))));
                    pendingSale = null;
                    fail(e, null);
                    if ("PRICE_CHANGED".equals(e.code())) {
                        menu = null;
                        ensureMenu();
                    }
                    return;
                }
                offline.unreachable();
                Pending lost = pendingSale;
                OfflineCopy.Decision decision;
                try {
                    decision = offline.copy().decide(identification, selectedSet, Instant.now());
                } catch (OfflineCopy.NotIdentified noCopy) {
                    // no copy to decide from: the cashier retries the same sale id (it stays journalled)
                    fail(e, "网络异常,交易结果未知:请按 Enter 重试(同一交易号,不会重复扣次数)");
                    return;
                }
                pendingSale = null;
                sellOffline(decision, lost.body(), lost.id());
            }
        });
    }

    /**
     * A sale decided from the cached copy: journalled (forced to disk) before its receipt, queued for the central.
     * A live attempt whose answer was lost keeps its sale id, so if it did land the sync gets its first answer.
     */
    private void sellOffline(OfflineCopy.Decision decision, Map<String, Object> body, UUID liveId) {
        UUID saleId = liveId != null ? liveId : UUID.randomUUID();
        if (liveId == null) {
            body.put("saleId", saleId.toString());
            body.put("occurredAt", OffsetDateTime.ofInstant(Instant.now(), ChinaCalendar.ZONE).toString());
        }
        ObjectNode journalled = json.valueToTree(body);
        if (liveId != null) {
            offline.journal().wentOffline(saleId, decision.granted());
        } else {
            offline.journal().sale(saleId, SaleJournal.Mode.OFFLINE, decision.granted(), journalled);
        }
        JsonNode p = decision.preview();
        if (decision.granted()) {
            offline.copy().counted(decision.seniorId(), LocalDate.parse(p.path("mealDate").asText()));
        }
        ObjectNode answer = json.createObjectNode();
        answer.put("saleId", saleId.toString());
        answer.put("status", decision.granted() ? "OFFLINE_PENDING" : "OFFLINE_FULL_PRICE");
        answer.put("offline", true);
        answer.set("senior", p.path("senior"));
        answer.put("canteenCode", menu == null ? "" : menu.path("canteenCode").asText());
        answer.put("terminalCode", settlement.terminalCode().orElse(""));
        answer.set("mealSet", p.path("mealSet"));
        answer.put("mealDate", p.path("mealDate").asText());
        answer.put("priceFen", p.path("priceFen").asLong()).put("price", p.path("price").asText());
        answer.put("discountFen", p.path("discountFen").asLong()).put("discount", p.path("discount").asText());
        answer.put("amountToPayFen", p.path("amountToPayFen").asLong()).put("amountToPay", p.path("amountToPay").asText());
        answer.put("remainingThisWeek", p.path("remainingThisWeek").asInt());
        answer.put("ruleVersion", p.path("ruleVersion").asText());
        answer.put("announcementZh", decision.granted() ? p.path("announcementZh").asText() : "按原价收费");
        answer.put("occurredAt", OffsetDateTime.parse(String.valueOf(body.get("occurredAt"))).toInstant().toString());
        if (decision.granted()) {
            showSold(answer);
            message = "离线收款:应收 " + answer.path("amountToPay").asText() + " 元(减免 " + answer.path("discount").asText()
                    + " 元),已保存在本机,联网后自动上传。按 Esc 接待下一位";
        } else {
            lastSale = answer;
            lastVoid = null;
            receipts.keep(answer, menu);
            error = new CounterState.Problem(p.path("refusalCode").asText("OFFLINE_NOT_GRANTED"),
                    "网络中断,离线判断不能补贴:" + p.path("refusalMessage").asText() + "。请按原价 "
                            + answer.path("price").asText() + " 元收款");
            message = null;
            display = new CounterState.Display("FULL_PRICE", "按原价收费", p.path("senior").path("nameMasked").asText()
                    + " 应付 " + answer.path("price").asText() + " 元", "按原价收费");
            identification = null;
            preview = null;
            presented = null;
            offlineDecision = null;
        }
    }

    private void showSold(JsonNode answer) {
        lastSale = answer;
        lastVoid = null;
        receipts.keep(answer, menu);
        message = "已确认:应收 " + answer.path("amountToPay").asText() + " 元(减免 "
                + answer.path("discount").asText() + " 元)。按 Esc 接待下一位";
        error = null;
        display = new CounterState.Display("DONE", headline(answer.path("announcementZh").asText()),
                answer.path("senior").path("nameMasked").asText() + " 应付 "
                        + answer.path("amountToPay").asText() + " 元", null);
        identification = null;
        preview = null;
        presented = null;
        offlineDecision = null;
    }

    /** Voids the last confirmed sale of this counter (the same day only; the service checks). */
    public CounterState voidLast() {
        return step(() -> {
            if (lastSale == null || lastVoid != null) {
                error = new CounterState.Problem("NOTHING_TO_VOID", "没有可撤销的上一笔交易");
                return;
            }
            UUID saleId = UUID.fromString(lastSale.path("saleId").asText());
            if (lastSale.path("offline").asBoolean() && offline.journal().isPending(saleId)) {
                error = new CounterState.Problem("OFFLINE_SALE_NOT_SYNCED",
                        "这笔离线交易还没有上传到结算中心,上传后才能撤销;现在请直接退款并记下单号 " + saleId);
                return;
            }
            if (lastSale.path("status").asText().equals("OFFLINE_FULL_PRICE")) {
                error = new CounterState.Problem("NOTHING_TO_VOID", "上一笔按原价收费,没有补贴需要撤销");
                return;
            }
            if (pendingVoid == null || !pendingVoid.about().equals(saleId)) {
                Map<String, Object> body = new LinkedHashMap<>();
                UUID voidId = UUID.randomUUID();
                body.put("voidId", voidId.toString());
                body.put("occurredAt", OffsetDateTime.ofInstant(Instant.now(), ChinaCalendar.ZONE).toString());
                body.put("reason", "收银员撤销上一笔");
                pendingVoid = new Pending(voidId, body, saleId);
            }
            try {
                JsonNode answer = settlement.voidSale(saleId, pendingVoid.body());
                pendingVoid = null;
                lastVoid = answer;
                receipts.markVoided(saleId);
                error = null;
                message = "已撤销上一笔:请退还 " + answer.path("refund").asText(answer.path("paid").asText()) + " 元";
                display = new CounterState.Display("DONE", headline(answer.path("announcementZh").asText()), "", null);
            } catch (SettlementException e) {
                if (!e.outcomeUnknown()) {
                    pendingVoid = null;
                }
                fail(e, e.outcomeUnknown() ? "网络异常,撤销结果未知:请按 F4 重试(不会重复撤销)" : null);
            }
        });
    }

    /** Ready for the next senior. The last sale stays voidable. */
    public CounterState clear() {
        return step(() -> {
            presented = null;
            identification = null;
            preview = null;
            offlineDecision = null;
            pendingSale = null;
            error = null;
            message = null;
            display = CounterState.Display.welcome();
        });
    }

    public JsonNode totals() {
        return settlement.totals();
    }

    private void previewNow() {
        ensureMenu();
        if (selectedSet == null) {
            preview = null;
            if (error == null) {
                error = new CounterState.Problem("NO_MEAL_SET", "请先选择套餐(按数字键 1–9)");
            }
            return;
        }
        offlineDecision = null;
        if (offline.tryCentral()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("identification", identification);
            body.put("mealSetCode", selectedSet);
            try {
                preview = settlement.preview(body);
                offline.reachable();
                error = null;
                showPreview();
                return;
            } catch (SettlementException e) {
                if (!SettlementException.UNREACHABLE.equals(e.code())) {
                    offline.reachable();
                    preview = null;
                    fail(e, null);
                    display = new CounterState.Display("PROBLEM", "请稍候", "收银员正在为您查询", null);
                    return;
                }
                offline.unreachable();
            }
        }
        try {
            offlineDecision = offline.copy().decide(identification, selectedSet, Instant.now());
            preview = offlineDecision.preview();
            error = null;
            showPreview();
        } catch (OfflineCopy.NotIdentified e) {
            preview = null;
            error = new CounterState.Problem(e.code(), e.messageZh());
            message = null;
            display = new CounterState.Display("PROBLEM", "请稍候", "收银员正在为您查询", null);
        }
    }

    private void showPreview() {
        String announcement = preview.path("announcementZh").asText();
        String name = preview.path("senior").path("nameMasked").asText();
        if (preview.path("subsidised").asBoolean()) {
            display = new CounterState.Display("SUBSIDISED", headline(announcement),
                    name + " 应付 " + preview.path("amountToPay").asText() + " 元", announcement);
        } else {
            display = new CounterState.Display("FULL_PRICE", headline(announcement),
                    name + " " + preview.path("refusalMessage").asText(), announcement);
        }
    }

    private void ensureMenu() {
        if (menu != null) {
            return;
        }
        try {
            menu = offline.tryCentral() ? settlement.menu() : null;
            if (menu != null) {
                offline.reachable();
            }
        } catch (SettlementException e) {
            if (!SettlementException.UNREACHABLE.equals(e.code())) {
                fail(e, null);
                return;
            }
            offline.unreachable();
        }
        if (menu == null) {
            menu = offline.copy().menu(); // the cached menu: the counter keeps selling through an outage
            if (menu == null) {
                fail(SettlementException.unreachable(null), null);
                return;
            }
        }
        if (selectedSet == null || setOnMenu(selectedSet) == null) {
            selectedSet = defaultSet(menu);
        }
    }

    private JsonNode setOnMenu(String code) {
        for (JsonNode set : menu.path("sets")) {
            if (set.path("code").asText().equals(code)) {
                return set;
            }
        }
        return null;
    }

    /** The dearest qualifying set of the meal now being served (the menu lists the dearest first). */
    static String defaultSet(JsonNode menu) {
        LocalTime now = LocalTime.now(ChinaCalendar.ZONE);
        MealSlot slot = now.isBefore(LocalTime.of(10, 0)) ? MealSlot.BREAKFAST
                : now.isBefore(LocalTime.of(15, 30)) ? MealSlot.LUNCH : MealSlot.DINNER;
        String anyQualifying = null;
        String first = null;
        for (JsonNode set : menu.path("sets")) {
            String code = set.path("code").asText();
            first = first == null ? code : first;
            if (set.path("qualifies").asBoolean()) {
                if (set.path("slot").asText().equals(slot.name())) {
                    return code;
                }
                anyQualifying = anyQualifying == null ? code : anyQualifying;
            }
        }
        return anyQualifying != null ? anyQualifying : first;
    }

    private Map<String, Object> saleBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("identification", identification);
        body.put("mealSetCode", preview.path("mealSet").path("code").asText());
        body.put("priceFen", preview.path("priceFen").asLong());
        return body;
    }

    private void fail(SettlementException e, String instead) {
        error = new CounterState.Problem(e.code(), instead != null ? instead : e.messageZh());
        message = null;
    }

    /** "减免3元，本周还剩2次" in very large type reads better as two words with a space. */
    private static String headline(String announcement) {
        return announcement.replace('，', ' ').replace(',', ' ');
    }

    private CounterState step(Runnable change) {
        steps.lock();
        try {
            change.run();
        } catch (RuntimeException e) {
            LOG.error("counter step failed", e);
            error = new CounterState.Problem("TERMINAL_ERROR", "终端出现意外错误,请按 Esc 后重试;如反复出现请联系管理员");
        } finally {
            seq++;
            current = snapshot();
            steps.unlock();
        }
        updates.onNext(current);
        return current;
    }

    private CounterState snapshot() {
        return new CounterState(seq, settlement.terminalCode().orElse(null), menu, selectedSet, presented, preview,
                lastSale, lastVoid, message, error, pendingSale == null ? null : pendingSale.id().toString(), display,
                offline.status());
    }
}
