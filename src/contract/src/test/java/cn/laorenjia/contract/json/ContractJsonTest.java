package cn.laorenjia.contract.json;

import cn.laorenjia.contract.counter.CounterTotals;
import cn.laorenjia.contract.meal.AuthoriseMealRequest;
import cn.laorenjia.contract.meal.IdentificationRequest;
import cn.laorenjia.contract.meal.MealAuthorisation;
import cn.laorenjia.contract.meal.MealVoid;
import cn.laorenjia.contract.meal.RefusalReason;
import cn.laorenjia.contract.offline.OfflineSaleRequest;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.Reason;
import cn.laorenjia.core.policy.ReasonCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The wire shape of the counter ⇄ central API: amounts as whole fen, the yuan text derived from the same Money. */
class ContractJsonTest {

    private final ObjectMapper json = ContractJson.mapper();

    @Test
    void anAuthorisationCarriesFenAndTheSameAmountInYuanText() throws Exception {
        UUID saleId = UUID.fromString("6f1c2a3b-8d4e-4f5a-9b6c-7d8e9f0a1b2c");
        MealAuthorisation answer = new MealAuthorisation(saleId, MealAuthorisation.SUBSIDISED,
                MealAuthorisation.SeniorView.of("张*", "1201**********1234", true),
                "BD-HB-01", "BD-HB-01-T1", new MealAuthorisation.MealSetView("LUNCH-STD", "标准午餐", "LUNCH"),
                LocalDate.of(2026, 11, 23), "2026-W48", Money.ofFen(1300), Money.ofFen(300), Money.ofFen(1000),
                Money.ofFen(200), 0, 4, "tianjin-2024", "减免3元，本周还剩4次",
                Instant.parse("2026-11-23T03:42:10Z"), false);

        JsonNode tree = json.readTree(json.writeValueAsString(answer));

        assertEquals(1300, tree.path("priceFen").asLong());
        assertEquals("13.00", tree.path("price").asText());
        assertEquals(300, tree.path("discountFen").asLong());
        assertEquals("3.00", tree.path("discount").asText());
        assertEquals(1000, tree.path("amountToPayFen").asLong());
        assertEquals("10.00", tree.path("amountToPay").asText());
        assertEquals(200, tree.path("operatingSubsidyFen").asLong());
        assertEquals("2026-11-23", tree.path("mealDate").asText());
        assertEquals("2026-11-23T03:42:10Z", tree.path("occurredAt").asText());
        assertFalse(tree.has("amountToPayYuan"));
        // the counter learns that the senior qualifies, not under which (sensitive) route
        assertEquals("符合助餐条件", tree.path("senior").path("eligibilityZh").asText());
        assertFalse(tree.path("senior").has("routes"));
        assertEquals(answer, json.treeToValue(tree, MealAuthorisation.class), "read back as written");
    }

    @Test
    void aVoidAndTheTotalsKeepTheirFieldNames() throws Exception {
        MealVoid voided = new MealVoid(UUID.randomUUID(), UUID.randomUUID(), MealVoid.VOIDED, LocalDate.of(2026, 11, 23),
                Money.ofFen(300), Money.ofFen(200), Money.ofFen(1000), 1, 4, "已撤销", Instant.now());
        JsonNode v = json.valueToTree(voided);
        assertEquals(1000, v.path("refundFen").asLong());
        assertEquals("10.00", v.path("refund").asText());
        assertEquals(voided, json.treeToValue(v, MealVoid.class));

        CounterTotals.Figures figures = new CounterTotals.Figures(3, 1, 2, 2, Money.ofFen(2600), Money.ofFen(600),
                Money.ofFen(2000), Money.ofFen(400));
        JsonNode f = json.valueToTree(figures);
        assertEquals(2600, f.path("salesFen").asLong());
        assertEquals("26.00", f.path("salesYuan").asText());
        assertEquals("6.00", f.path("discountYuan").asText());
        assertEquals("20.00", f.path("paidYuan").asText());
        assertEquals(400, f.path("operatingSubsidyFen").asLong());
        assertEquals(figures, json.treeToValue(f, CounterTotals.Figures.class));
    }

    @Test
    void aRequestSendsOnlyTheFieldsOfItsIdentificationMethod() throws Exception {
        AuthoriseMealRequest sale = new AuthoriseMealRequest(UUID.randomUUID(),
                OffsetDateTime.parse("2026-11-23T11:42:10+08:00"), IdentificationRequest.card("UID", "04A1B2C3D4E5F6"),
                "LUNCH-STD", Money.ofFen(1300));
        JsonNode tree = json.valueToTree(OfflineSaleRequest.of(sale, true));
        assertEquals("{\"method\":\"CARD\",\"cardKind\":\"UID\",\"identifier\":\"04A1B2C3D4E5F6\"}",
                tree.path("identification").toString());
        assertEquals(1300, tree.path("priceFen").asLong());
        assertEquals("2026-11-23T11:42:10+08:00", tree.path("occurredAt").asText());
        assertEquals(true, tree.path("granted").asBoolean());
        assertEquals(sale.price(), json.treeToValue(tree, OfflineSaleRequest.class).sale().price());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1300.0", "1.3e3", "\"1300\"", "true", "{}"})
    void anAmountIsAWholeNumberOfFenOrRefused(String priceFen) {
        String body = "{\"mealSetCode\":\"LUNCH-STD\",\"priceFen\":" + priceFen + "}";
        assertThrows(MismatchedInputException.class, () -> json.readValue(body, AuthoriseMealRequest.class));
    }

    @Test
    void aReasonNamesItsRouteOnlyWhenItConcernsOne() throws Exception {
        Reason dead = Reason.of(ReasonCode.DECEASED);
        assertEquals("{\"code\":\"DECEASED\",\"message\":\"" + dead.labelZh() + "\"}",
                json.writeValueAsString(RefusalReason.of(dead)));
        RefusalReason withRoute = new RefusalReason("UNDER_AGE_FOR_ROUTE", "未满规定年龄", "AGE_80_LOCAL");
        assertEquals("AGE_80_LOCAL", json.readTree(json.writeValueAsString(withRoute)).get("route").asText());
        assertEquals(withRoute, json.readValue(json.writeValueAsString(withRoute), RefusalReason.class));
    }
}
