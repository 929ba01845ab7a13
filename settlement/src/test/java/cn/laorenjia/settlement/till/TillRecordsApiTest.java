package cn.laorenjia.settlement.till;

import cn.laorenjia.contract.meal.IdentificationRequest;
import cn.laorenjia.contract.till.ShiftClosing;
import cn.laorenjia.contract.till.ShiftOpening;
import cn.laorenjia.contract.till.TillSale;
import cn.laorenjia.contract.till.TillVoid;
import cn.laorenjia.contract.till.ZReport;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.till.Payment;
import cn.laorenjia.core.till.ShiftFigures;
import cn.laorenjia.core.till.Tender;
import cn.laorenjia.core.till.TillSaleLine;
import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.testing.TestClock;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.FINANCE;
import static cn.laorenjia.settlement.security.TestApi.SUPERVISOR;
import static cn.laorenjia.settlement.security.TestApi.as;
import static cn.laorenjia.settlement.security.TestApi.asTerminal;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The central keeps the till's records: a shift's opening, every sale (subsidised or at full price) with its tender
 * and change, voids and the closing with both Z reports; and it believes no claim of a counter it can check. Over
 * HTTP against the real service and PostgreSQL; the counter's side is played with the contract's records and the
 * core's one rule for the Z figures, as the counter computes them.
 */
@QuarkusTest
class TillRecordsApiTest {

    private static final String CHINESE = ".*\\p{IsHan}.*";
    private static final String SALES = "/api/counter/till/sales";
    private static final String VOIDS = "/api/counter/till/voids";
    private static final String SHIFTS = "/api/counter/till/shifts";
    private static final String READS = "/api/settlement/till/shifts";

    @Inject
    ObjectMapper json;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    private String canteen;
    private String terminal;
    private String terminalCode;
    private String otherCanteen;
    private String otherTerminal;

    @BeforeEach
    void twoCanteensWithACashierEach() {
        JsonPath one = TestApi.registerCanteen("海滨街道");
        canteen = one.getString("canteen.code");
        terminal = one.getString("terminalSecrets[0].authorization");
        terminalCode = one.getString("terminalSecrets[0].terminalCode");
        JsonPath two = TestApi.registerCanteen("宝平街道");
        otherCanteen = two.getString("canteen.code");
        otherTerminal = two.getString("terminalSecrets[0].authorization");
        addCashier(canteen, "1001", "王丽", "470215");
        addCashier(otherCanteen, "2001", "李强", "581937");
    }

    @Test
    void aShiftWithEveryKindOfSaleAndAVoidClosesWithTheCountersOwnZReport() throws SQLException {
        UUID shift = UUID.randomUUID();
        ShiftOpening opening = new ShiftOpening(shift, now(), "1001", Money.ofYuan(200));
        post(terminal, SHIFTS, opening).statusCode(200).body("outcome", equalTo("ACCEPTED"));
        post(terminal, SHIFTS, opening).statusCode(200).body("outcome", equalTo("DUPLICATE"));

        // a subsidised meal: the ledger first (as the counter does), then the till's record of it, paid by 微信
        String uid = TestApi.registerSenior("钱德海", "宝坻区");
        IdentificationRequest card = IdentificationRequest.card("UID", uid);
        UUID subsidised = UUID.randomUUID();
        subsidisedInLedger(subsidised, uid).body("amountToPay", equalTo("12.00"));
        // the same senior again: the ledger refuses (today's meal is used), the till sells at full price in cash
        asTerminal(terminal).body(Map.of("saleId", UUID.randomUUID().toString(), "occurredAt", now().toString(),
                        "identification", Map.of("method", "CARD", "cardKind", "UID", "identifier", uid),
                        "mealSetCode", "L-STD", "priceFen", 1500, "cashier", "1001"))
                .post("/api/meals").then().statusCode(422).body("code", equalTo("QUOTA_USED_TODAY"));
        UUID refusedSenior = UUID.randomUUID();
        UUID walkIn = UUID.randomUUID();
        UUID offline = UUID.randomUUID();
        List<TillSale> sales = List.of(
                sale(subsidised, shift, "L-STD", 1500, 300, Tender.WECHAT, null, true, "CARD", card),
                sale(refusedSenior, shift, "L-STD", 1500, 0, Tender.CASH, 2000L, false, "CARD", card),
                sale(walkIn, shift, "L-SML", 1050, 0, Tender.CASH, null, false, null, null),
                // made offline by ID number and not synced yet: kept, unconfirmed
                offline(sale(offline, shift, "L-STD", 1500, 300, Tender.CASH, 1500L, true, "MANUAL", null)));
        post(terminal, SALES, sales).statusCode(200)
                .body("outcome", contains("ACCEPTED", "ACCEPTED", "ACCEPTED", "ACCEPTED"))
                .body("ledger", contains("CONFIRMED", "NONE", "NONE", "UNCONFIRMED"));
        // a resend of the whole batch (the counter lost the answer) changes nothing
        post(terminal, SALES, sales).statusCode(200)
                .body("outcome", contains("DUPLICATE", "DUPLICATE", "DUPLICATE", "DUPLICATE"))
                .body("ledger", contains("CONFIRMED", "NONE", "NONE", "UNCONFIRMED"));

        TillVoid voidWalkIn = new TillVoid(UUID.randomUUID(), walkIn, shift, now(), "1001", "顾客退餐",
                Money.ofFen(1050), Tender.CASH);
        TillVoid again = new TillVoid(UUID.randomUUID(), walkIn, shift, now(), "1001", "重复撤销",
                Money.ofFen(1050), Tender.CASH);
        post(terminal, VOIDS, List.of(voidWalkIn, again)).statusCode(200)
                .body("outcome", contains("ACCEPTED", "REFUSED"))
                .body("code", contains(null, "SALE_ALREADY_VOIDED"));

        // the senior is kept by register id, never by what identified them
        long senior = longOf("select senior_id from till_sale where sale_id = ?", refusedSenior);
        assertEquals(senior, longOf("select senior_id from meal_entry where entry_id = ?", subsidised));
        assertNull(stringOf("select senior_id::text from till_sale where sale_id = ?", walkIn));

        // the counter's Z report, with the core's one rule from its own journal; 5.00 yuan short in the drawer
        Money counted = Money.ofFen(20000 + 1500 + 1200 - 500);
        ZReport counters = zReport(shift, opening, sales, List.of(walkIn), counted);
        ShiftClosing closing = new ShiftClosing(shift, now(), "1001", counted, counters);
        JsonPath closed = post(terminal, SHIFTS + "/" + shift + "/close", closing).statusCode(200)
                .body("outcome", equalTo("ACCEPTED"))
                .body("agrees", equalTo(true)).body("differences", empty())
                .body("unconfirmedSubsidised", equalTo(1))
                .body("central.terminalCode", equalTo(terminalCode)).body("central.canteenCode", equalTo(canteen))
                .body("central.byTender.find { it.tender == 'CASH' }.sales", equalTo(2))
                .body("central.byTender.find { it.tender == 'CASH' }.takingsFen", equalTo(2700))
                .body("central.byTender.find { it.tender == 'WECHAT' }.takingsFen", equalTo(1200))
                .body("central.subsidised.meals", equalTo(2)).body("central.subsidised.discountFen", equalTo(600))
                .body("central.fullPrice.meals", equalTo(1)).body("central.fullPrice.paidFen", equalTo(1500))
                .body("central.voids", equalTo(1)).body("central.refundedFen", equalTo(1050))
                .body("central.manualLookUps", equalTo(1)).body("central.offlineSales", equalTo(1))
                .body("central.expectedCashFen", equalTo(22700)).body("central.countedCashFen", equalTo(22200))
                .body("central.cashDifferenceFen", equalTo(-500)).body("central.cashDifference", equalTo("-5.00"))
                .extract().jsonPath();
        assertEquals(closed.getMap("central"), closed.getMap("counter"), "the two reports are one");

        // a resend answers the same; another closing of the same shift is refused; the shift takes no more sales
        post(terminal, SHIFTS + "/" + shift + "/close", closing).statusCode(200).body("outcome", equalTo("DUPLICATE"))
                .body("central", equalTo(closed.getMap("central")));
        post(terminal, SHIFTS + "/" + shift + "/close",
                new ShiftClosing(shift, now(), "1001", Money.ofFen(22700), counters)).statusCode(409)
                .body("code", equalTo("DUPLICATE_ID_DIFFERENT_BODY")).body("message", matchesPattern(CHINESE));
        post(terminal, SALES, List.of(sale(UUID.randomUUID(), shift, "L-SML", 1050, 0, Tender.CASH, null, false,
                null, null))).statusCode(200)
                .body("outcome", contains("REFUSED")).body("code", contains("TILL_SHIFT_CLOSED"))
                .body("message[0]", matchesPattern(CHINESE));
        post(terminal, VOIDS, List.of(new TillVoid(UUID.randomUUID(), refusedSenior, shift, now(), "1001", "太晚",
                Money.ofFen(1500), Tender.CASH))).statusCode(200).body("code", contains("TILL_SHIFT_CLOSED"));

        // finance reads the shift with both reports' key figures
        as(FINANCE).queryParam("canteen", canteen).get(READS).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].shiftId", equalTo(shift.toString()))
                .body("[0].status", equalTo("CLOSED")).body("[0].openedBy", equalTo("1001"))
                .body("[0].floatFen", equalTo(20000)).body("[0].agrees", equalTo(true))
                .body("[0].central.meals", equalTo(3)).body("[0].central.takingsFen", equalTo(3900))
                .body("[0].counter.meals", equalTo(3)).body("[0].central.cashDifferenceFen", equalTo(-500));
        as(FINANCE).get(READS + "/" + shift + "/z-report").then().statusCode(200)
                .body("central", equalTo(closed.getMap("central"))).body("agrees", equalTo(true))
                .body("unconfirmedSubsidisedAtClose", equalTo(1)).body("unconfirmedSubsidisedNow", equalTo(1));
    }

    @Test
    void aCounterWhoseReportDiffersIsHeardAndBothReportsAreKept() {
        UUID shift = open(terminal, "1001", 10000);
        TillSale cash = sale(UUID.randomUUID(), shift, "L-STD", 1500, 0, Tender.CASH, null, false, null, null);
        post(terminal, SALES, List.of(cash)).statusCode(200).body("outcome", contains("ACCEPTED"));
        // the counter also counts a 微信 sale the central never received
        TillSale lost = sale(UUID.randomUUID(), shift, "L-SML", 1050, 0, Tender.WECHAT, null, false, null, null);
        ZReport counters = zReport(shift, new ShiftOpening(shift, now(), "1001", Money.ofFen(10000)),
                List.of(cash, lost), List.of(), Money.ofFen(11500));
        post(terminal, SHIFTS + "/" + shift + "/close", new ShiftClosing(shift, now(), "1001", Money.ofFen(11500),
                counters)).statusCode(200).body("agrees", equalTo(false))
                .body("differences", contains("byTender.WECHAT.sales", "byTender.WECHAT.takings", "fullPrice.meals",
                        "fullPrice.price", "fullPrice.paid"))
                .body("central.fullPrice.meals", equalTo(1)).body("counter.fullPrice.meals", equalTo(2));
        as(SUPERVISOR).queryParam("canteen", canteen).get(READS).then().statusCode(200)
                .body("[0].agrees", equalTo(false)).body("[0].central.meals", equalTo(1))
                .body("[0].counter.meals", equalTo(2)).body("[0].differences", hasItems("byTender.WECHAT.takings"));
    }

    @Test
    void aLyingCounterIsRefusedRecordByRecordAndNothingOfALieIsKept() throws SQLException {
        UUID shift = open(terminal, "1001", 0);
        String uid = TestApi.registerSenior("孙桂兰", "宝坻区");
        IdentificationRequest card = IdentificationRequest.card("UID", uid);
        UUID inLedger = UUID.randomUUID();
        subsidisedInLedger(inLedger, uid);
        UUID othersShift = UUID.randomUUID();
        post(otherTerminal, SHIFTS, new ShiftOpening(othersShift, now(), "2001", Money.ZERO)).statusCode(200);
        UUID good = UUID.randomUUID();
        TillSale honest = sale(good, shift, "L-SML", 1050, 0, Tender.ALIPAY, null, false, null, null);

        List<TillSale> lies = new ArrayList<>(List.of(
                // the ledger's sale claimed on another set
                sale(inLedger, shift, "L-SML", 1050, 300, Tender.WECHAT, null, true, "CARD", card),
                // wrong change, change on 微信, too little, due not price less discount
                sale(UUID.randomUUID(), shift, "L-STD", 1500, 0, Tender.CASH, 2000L, false, null, null, 300L),
                sale(UUID.randomUUID(), shift, "L-STD", 1500, 0, Tender.WECHAT, 2000L, false, null, null),
                sale(UUID.randomUUID(), shift, "L-STD", 1500, 0, Tender.CASH, 1000L, false, null, null),
                new TillSale(UUID.randomUUID(), shift, now(), "1001", "L-STD", Money.ofFen(1500), Money.ofFen(300),
                        Money.ofFen(1500), Tender.CASH, null, null, true, false, "CARD", card),
                // a full-price sale with a discount
                sale(UUID.randomUUID(), shift, "L-STD", 1500, 300, Tender.CASH, null, false, null, null),
                honest,
                // an unknown set, a price not on the menu
                sale(UUID.randomUUID(), shift, "X-NONE", 1500, 0, Tender.CASH, null, false, null, null),
                sale(UUID.randomUUID(), shift, "L-STD", 1000, 0, Tender.CASH, null, false, null, null),
                // another terminal's shift, a shift never opened
                sale(UUID.randomUUID(), othersShift, "L-STD", 1500, 0, Tender.CASH, null, false, null, null),
                sale(UUID.randomUUID(), UUID.randomUUID(), "L-STD", 1500, 0, Tender.CASH, null, false, null, null),
                // a cashier of another canteen, a number no cashier has
                withCashier(sale(UUID.randomUUID(), shift, "L-STD", 1500, 0, Tender.CASH, null, false, null, null), "2001"),
                withCashier(sale(UUID.randomUUID(), shift, "L-STD", 1500, 0, Tender.CASH, null, false, null, null), "4242"),
                // in the future, before the shift was opened
                at(sale(UUID.randomUUID(), shift, "L-STD", 1500, 0, Tender.CASH, null, false, null, null),
                        now().plusHours(1)),
                at(sale(UUID.randomUUID(), shift, "L-STD", 1500, 0, Tender.CASH, null, false, null, null),
                        now().minusMinutes(5))));
        post(terminal, SALES, lies).statusCode(200).body("outcome", hasSize(lies.size()))
                .body("code", contains("TILL_LEDGER_MISMATCH",
                        "TILL_AMOUNTS_DO_NOT_ADD_UP", "TENDER_NOT_EXACT", "TENDERED_TOO_LITTLE",
                        "TILL_AMOUNTS_DO_NOT_ADD_UP", "TILL_AMOUNTS_DO_NOT_ADD_UP", null,
                        "UNKNOWN_MEAL_SET", "TILL_PRICE_NOT_ON_MENU",
                        "TILL_SHIFT_NOT_OF_THIS_TERMINAL", "TILL_SHIFT_UNKNOWN",
                        "CASHIER_UNKNOWN", "CASHIER_UNKNOWN",
                        "TIMESTAMP_OUT_OF_RANGE", "TIMESTAMP_OUT_OF_RANGE"))
                .body("outcome[6]", equalTo("ACCEPTED"))
                .body("findAll { it.outcome == 'REFUSED' }.message", org.hamcrest.Matchers.everyItem(matchesPattern(CHINESE)));
        // and claimed at full price: the subsidy pocketed, the senior charged in full
        post(terminal, SALES, List.of(sale(inLedger, shift, "L-STD", 1500, 0, Tender.CASH, null, false, "CARD", card)))
                .statusCode(200).body("code", contains("TILL_LEDGER_MISMATCH"));
        assertEquals(1, longOf("select count(*) from till_sale where shift_id = ?", shift));

        // the honest sale's id again with another tender: refused; the same content: a duplicate
        post(terminal, SALES, List.of(sale(good, shift, "L-SML", 1050, 0, Tender.WECHAT, null, false, null, null),
                honest)).statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        post(terminal, SALES, List.of(sale(good, shift, "L-SML", 1050, 0, Tender.WECHAT, null, false, null, null)))
                .statusCode(200).body("code", contains("DUPLICATE_ID_DIFFERENT_BODY"));
        post(terminal, SALES, List.of(honest)).statusCode(200).body("outcome", contains("DUPLICATE"));

        // voids: another terminal's sale, the wrong refund or tender, a sale of another shift
        UUID othersSale = UUID.randomUUID();
        post(otherTerminal, SALES, List.of(withCashier(sale(othersSale, othersShift, "L-STD", 1500, 0, Tender.CASH,
                null, false, null, null), "2001"))).statusCode(200).body("outcome", contains("ACCEPTED"));
        post(terminal, VOIDS, List.of(
                new TillVoid(UUID.randomUUID(), othersSale, shift, now(), "1001", "不是本机", Money.ofFen(1500), Tender.CASH),
                new TillVoid(UUID.randomUUID(), good, shift, now(), "1001", "多退", Money.ofFen(1500), Tender.ALIPAY),
                new TillVoid(UUID.randomUUID(), good, shift, now(), "1001", "换方式", Money.ofFen(1050), Tender.CASH),
                new TillVoid(UUID.randomUUID(), good, othersShift, now(), "1001", "别的班", Money.ofFen(1050),
                        Tender.ALIPAY),
                new TillVoid(UUID.randomUUID(), good, shift, now(), "1001", "", Money.ofFen(1050), Tender.ALIPAY)))
                .statusCode(200).body("code", contains("UNKNOWN_SALE", "TILL_VOID_NOT_THE_SALE",
                        "TILL_VOID_NOT_THE_SALE", "TILL_SHIFT_NOT_OF_THIS_TERMINAL", "INVALID_REQUEST"));
        assertEquals(0, longOf("select count(*) from till_void where sale_id = ?", good));

        // a shift opened by a cashier of another canteen, or a resend of an opening with another float
        post(terminal, SHIFTS, new ShiftOpening(UUID.randomUUID(), now(), "2001", Money.ZERO)).statusCode(403)
                .body("code", equalTo("CASHIER_UNKNOWN"));
        post(terminal, SHIFTS, new ShiftOpening(shift, now(), "1001", Money.ofYuan(5))).statusCode(409)
                .body("code", equalTo("DUPLICATE_ID_DIFFERENT_BODY"));
        // closing another terminal's shift
        post(terminal, SHIFTS + "/" + othersShift + "/close", new ShiftClosing(othersShift, now(), "1001",
                Money.ZERO, zReport(othersShift, new ShiftOpening(othersShift, now(), "2001", Money.ZERO), List.of(),
                List.of(), Money.ZERO))).statusCode(403).body("code", equalTo("TILL_SHIFT_NOT_OF_THIS_TERMINAL"));
        // an empty batch is the request's fault
        asTerminal(terminal).body("[]").post(SALES).then().statusCode(400).body("code", equalTo("INVALID_REQUEST"));
    }

    @Test
    void aCashierDeactivatedAfterTheSaleStillHasItRecorded() {
        addCashier(canteen, "1002", "陈红", "305728");
        UUID shift = open(terminal, "1002", 0);
        TillSale sale = withCashier(sale(UUID.randomUUID(), shift, "L-STD", 1500, 0, Tender.CASH, null, false, null,
                null), "1002");
        clock.advance(Duration.ofMinutes(1));
        as(ADMIN).post("/api/register/canteens/" + canteen + "/cashiers/1002/deactivate").then().statusCode(200);
        clock.advance(Duration.ofMinutes(1));
        TillSale after = withCashier(sale(UUID.randomUUID(), shift, "L-STD", 1500, 0, Tender.CASH, null, false, null,
                null), "1002");
        post(terminal, SALES, List.of(sale, after)).statusCode(200).body("outcome", contains("ACCEPTED", "REFUSED"))
                .body("code", contains(null, "CASHIER_UNKNOWN"));
    }

    @Test
    void onlyFinanceAdministratorsSupervisorsAndTheCanteensManagerReadTheShifts() {
        UUID shift = open(terminal, "1001", 0);
        post(terminal, SHIFTS + "/" + shift + "/close", new ShiftClosing(shift, now(), "1001", Money.ZERO,
                zReport(shift, new ShiftOpening(shift, now(), "1001", Money.ZERO), List.of(), List.of(), Money.ZERO)))
                .statusCode(200).body("agrees", equalTo(true));
        clock.advance(Duration.ofMinutes(5));
        UUID open = open(terminal, "1001", 5000);

        for (String reader : List.of(ADMIN, FINANCE, SUPERVISOR)) {
            as(reader).queryParam("canteen", canteen).get(READS).then().statusCode(200)
                    .body("shiftId", contains(shift.toString(), open.toString()))
                    .body("status", contains("CLOSED", "OPEN"));
        }
        as(FINANCE).get(READS + "/" + open + "/z-report").then().statusCode(409)
                .body("code", equalTo("TILL_SHIFT_NOT_CLOSED")).body("message", matchesPattern(CHINESE));
        as(FINANCE).get(READS + "/" + UUID.randomUUID() + "/z-report").then().statusCode(404)
                .body("code", equalTo("TILL_SHIFT_UNKNOWN"));
        as(FINANCE).queryParam("from", "2026-01-01").queryParam("to", "2026-12-31").get(READS).then()
                .statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        // a terminal reads nothing here; nor does anyone not signed in
        asTerminal(terminal).get(READS).then().statusCode(403);
        given().get(READS).then().statusCode(401);

        String ownManager = manager(canteen);
        String othersManager = manager(otherCanteen);
        given().auth().preemptive().basic(ownManager.split(":")[0], ownManager.split(":")[1]).get(READS).then()
                .statusCode(200).body("shiftId", contains(shift.toString(), open.toString()));
        given().auth().preemptive().basic(ownManager.split(":")[0], ownManager.split(":")[1])
                .get(READS + "/" + shift + "/z-report").then().statusCode(200).body("agrees", equalTo(true));
        given().auth().preemptive().basic(othersManager.split(":")[0], othersManager.split(":")[1])
                .queryParam("canteen", canteen).get(READS).then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        given().auth().preemptive().basic(othersManager.split(":")[0], othersManager.split(":")[1]).get(READS).then()
                .statusCode(200).body("$", empty());
        given().auth().preemptive().basic(othersManager.split(":")[0], othersManager.split(":")[1])
                .get(READS + "/" + shift + "/z-report").then().statusCode(404);
    }

    // ------------------------------------------------------------------ the counter's side

    private UUID open(String authorization, String cashier, long floatFen) {
        UUID shift = UUID.randomUUID();
        post(authorization, SHIFTS, new ShiftOpening(shift, now().minusMinutes(1), cashier, Money.ofFen(floatFen)))
                .statusCode(200).body("outcome", equalTo("ACCEPTED"));
        return shift;
    }

    private TillSale sale(UUID saleId, UUID shift, String set, long price, long discount, Tender tender, Long tendered,
                          boolean subsidised, String identifiedBy, IdentificationRequest identification) {
        long due = price - discount;
        Long change = tendered == null ? null : tendered - due;
        return sale(saleId, shift, set, price, discount, tender, tendered, subsidised, identifiedBy, identification,
                change);
    }

    private TillSale sale(UUID saleId, UUID shift, String set, long price, long discount, Tender tender, Long tendered,
                          boolean subsidised, String identifiedBy, IdentificationRequest identification, Long change) {
        return new TillSale(saleId, shift, now(), "1001", set, Money.ofFen(price), Money.ofFen(discount),
                Money.ofFen(price - discount), tender, tendered == null ? null : Money.ofFen(tendered),
                change == null ? null : Money.ofFen(change), subsidised, false, identifiedBy, identification);
    }

    private static TillSale offline(TillSale s) {
        return new TillSale(s.saleId(), s.shiftId(), s.occurredAt(), s.cashier(), s.mealSetCode(), s.price(),
                s.discount(), s.amountDue(), s.tender(), s.tendered(), s.change(), s.subsidised(), true,
                s.identifiedBy(), s.identification());
    }

    private static TillSale withCashier(TillSale s, String cashier) {
        return new TillSale(s.saleId(), s.shiftId(), s.occurredAt(), cashier, s.mealSetCode(), s.price(),
                s.discount(), s.amountDue(), s.tender(), s.tendered(), s.change(), s.subsidised(), s.offline(),
                s.identifiedBy(), s.identification());
    }

    private static TillSale at(TillSale s, OffsetDateTime at) {
        return new TillSale(s.saleId(), s.shiftId(), at, s.cashier(), s.mealSetCode(), s.price(),
                s.discount(), s.amountDue(), s.tender(), s.tendered(), s.change(), s.subsidised(), s.offline(),
                s.identifiedBy(), s.identification());
    }

    /** The counter's Z report, computed as the counter does: the core's one rule over its journal. */
    private ZReport zReport(UUID shift, ShiftOpening opening, List<TillSale> sales, List<UUID> voided,
                            Money counted) {
        List<TillSaleLine> lines = sales.stream().map(s -> new TillSaleLine(s.saleId(), s.subsidised(), s.price(),
                s.discount(), Payment.of(s.tender(), s.amountDue(), s.tendered()), "MANUAL".equals(s.identifiedBy()),
                s.offline())).toList();
        return ZReport.of(shift, terminalCode, canteen, opening.cashier(), "1001", opening.openedAt(), now(),
                ShiftFigures.of(opening.openingFloat(), lines, voided), counted);
    }

    private ValidatableResponse subsidisedInLedger(UUID saleId, String uid) {
        return asTerminal(terminal).body(Map.of("saleId", saleId.toString(), "occurredAt", now().toString(),
                        "identification", Map.of("method", "CARD", "cardKind", "UID", "identifier", uid),
                        "mealSetCode", "L-STD", "priceFen", 1500, "cashier", "1001"))
                .post("/api/meals").then().statusCode(200).body("status", equalTo("SUBSIDISED"));
    }

    private ValidatableResponse post(String authorization, String path, Object body) {
        try {
            return asTerminal(authorization).body(json.writeValueAsString(body)).post(path).then();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private static void addCashier(String canteenCode, String number, String name, String pin) {
        as(ADMIN).body(Map.of("number", number, "name", name, "pin", pin))
                .post("/api/register/canteens/" + canteenCode + "/cashiers").then().statusCode(201);
    }

    /** A canteen manager of that canteen, as "username:password". */
    private static String manager(String canteenCode) {
        String username = TestApi.unique("mgr").toLowerCase();
        String password = as(ADMIN).body(Map.of("username", username, "displayName", "食堂负责人",
                        "roles", List.of("canteen_manager"), "canteenCode", canteenCode))
                .post("/api/security/people").then().statusCode(201).extract().path("password");
        assertNotNull(password);
        assertFalse(password.contains(":"));
        return username + ":" + password;
    }

    private long longOf(String sql, UUID id) throws SQLException {
        return Long.parseLong(stringOf(sql, id));
    }

    private String stringOf(String sql, UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
