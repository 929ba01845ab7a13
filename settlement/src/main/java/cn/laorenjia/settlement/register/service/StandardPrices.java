package cn.laorenjia.settlement.register.service;

import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.policy.StandardSetRule;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCodes;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A canteen's standard set price against the policy version in force: outside the version's range every meal there
 * would be refused (STANDARD_PRICE_OUT_OF_RANGE, shown at the counter as MEAL_NOT_COVERED), so the register refuses
 * the price instead, naming the range.
 */
@ApplicationScoped
public class StandardPrices {

    private final PolicyCatalog policies;

    public StandardPrices(PolicyCatalog policies) {
        this.policies = policies;
    }

    /**
     * Refuses a standard set price outside the range of the jurisdiction's policy version in force on {@code on}
     * (the core's {@link StandardSetRule#allows}): {@code STANDARD_PRICE_OUT_OF_RANGE} (400), details {@code field},
     * {@code lowestFen}, {@code highestFen}, {@code policyVersion}. With no version in force that day, the next one to
     * come into force decides; with none at all, the price is refused too (no meal there could be subsidised).
     */
    public void requireAllowed(String jurisdiction, Money standardSetPrice, LocalDate on) {
        PolicyVersion version = policies.inForce(jurisdiction, on)
                .or(() -> policies.findBook(jurisdiction).flatMap(book -> book.versions().stream()
                        .filter(v -> v.effectiveFrom().isAfter(on)).findFirst()))
                .orElseThrow(() -> new ApiException(ErrorCodes.STANDARD_PRICE_OUT_OF_RANGE,
                        "辖区 " + jurisdiction + " 在 " + on + " 及以后没有有效的助餐政策，不能核定标准套餐价格",
                        Map.of("field", "standardSetPriceFen")));
        StandardSetRule rule = version.standardSet();
        if (!rule.allows(standardSetPrice)) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("field", "standardSetPriceFen");
            details.put("lowestFen", rule.lowest().fen());
            details.put("highestFen", rule.highest().fen());
            details.put("policyVersion", version.id());
            throw new ApiException(ErrorCodes.STANDARD_PRICE_OUT_OF_RANGE,
                    "标准套餐价格 standardSetPriceFen 须在 " + rule.lowest().toYuanString() + " 元至 "
                            + rule.highest().toYuanString() + " 元之间（政策 " + version.id() + "：参考价 "
                            + rule.referencePrice().toYuanString() + " 元，上下浮动不超过 "
                            + rule.allowedDeviationPercent() + "%），现为 " + standardSetPrice.toYuanString() + " 元",
                    details);
        }
    }
}
