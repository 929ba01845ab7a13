package cn.laorenjia.settlement.ledger.service;

import cn.laorenjia.settlement.error.InvalidRequest;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A terminal's request to sell a subsidised meal.
 *
 * @param saleId         generated and stored by the terminal before sending: the idempotency key
 * @param occurredAt     when the sale happened at the counter
 * @param mealSetCode    the set chosen from the canteen's menu
 * @param expectedPriceFen the price the terminal showed; refused if the menu has changed since
 * @param cashier        the number of the cashier signed in at the counter; null from API clients
 */
public record AuthoriseMeal(UUID saleId, Instant occurredAt, Identification identification, String mealSetCode,
                            long expectedPriceFen, String cashier) {

    public AuthoriseMeal(UUID saleId, Instant occurredAt, Identification identification, String mealSetCode,
                         long expectedPriceFen) {
        this(saleId, occurredAt, identification, mealSetCode, expectedPriceFen, null);
    }

    public AuthoriseMeal {
        Objects.requireNonNull(saleId, "saleId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(identification, "identification");
        if (mealSetCode == null || mealSetCode.isBlank() || mealSetCode.length() > 32) {
            throw InvalidRequest.of("mealSetCode", "请求内容无效：套餐编码 mealSetCode 须为 1 至 32 个字符");
        }
        if (expectedPriceFen < 0 || expectedPriceFen > 1_000_000) {
            throw InvalidRequest.of("priceFen", "请求内容无效：套餐价格 priceFen 须在 0 至 1000000 分之间");
        }
    }

    /**
     * What makes two requests "the same request": everything the terminal said, in a fixed order. The cashier is
     * appended only when there is one, so a sale recorded before cashiers signed in keeps its hash for a retry.
     */
    String canonical() {
        String said = String.join("\n", "SALE", saleId.toString(), Long.toString(occurredAt.toEpochMilli()),
                identification.canonical(), mealSetCode, Long.toString(expectedPriceFen));
        return cashier == null ? said : said + "\ncashier:" + cashier;
    }
}
