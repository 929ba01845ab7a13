package cn.laorenjia.core.offline;

import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.subsidy.MealDecision;
import java.util.Objects;
import java.util.Optional;

/**
 * A sale a counter subsidised offline, as the central sees it when the sale is synced.
 *
 * @param decision          the central's decision for the meal now, at the price the counter charged, with the
 *                          senior's quota counters as they stand (including meals synced before it)
 * @param policy            the version in force on the meal's date, empty when none was (then the decision says
 *                          {@code NO_POLICY_IN_FORCE}); it tells what discount the counter gave
 * @param menuPrice         the set's price on the canteen's menu
 * @param conflictsSoFar    this terminal's offline conflicts already recorded on the meal's date (this batch's included)
 * @param conflictAllowance how many conflicts per terminal and day the district bears
 * @param paidSoFar         this terminal's offline sales the district already pays for on the meal's date (confirmed
 *                          and conflicts, on record and earlier in this batch), as the central counts them
 * @param salesAllowance    how many offline sales per terminal and day the district pays for at all
 * @param contact           the central's own answers to the terminal around the claimed moment
 */
public record OfflineClaim(MealDecision decision, Optional<PolicyVersion> policy, Money menuPrice,
                           long conflictsSoFar, int conflictAllowance, long paidSoFar, int salesAllowance,
                           CentralContact contact) {

    public OfflineClaim {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(contact, "contact");
        Money.requireNonNegative(menuPrice, "menu price");
        if (conflictsSoFar < 0 || conflictAllowance < 0) {
            throw new IllegalArgumentException("conflict counts cannot be negative");
        }
        if (paidSoFar < 0 || salesAllowance < 0) {
            throw new IllegalArgumentException("offline sale counts cannot be negative");
        }
        String inForce = policy.map(PolicyVersion::id).orElse(null);
        if (!Objects.equals(decision.policyVersionId(), inForce)) {
            throw new IllegalArgumentException("the decision was made under " + decision.policyVersionId()
                    + ", the version in force is " + inForce);
        }
        if (policy.isPresent() && !policy.get().isInForceOn(decision.mealDate())) {
            throw new IllegalArgumentException(inForce + " is not in force on " + decision.mealDate());
        }
    }

    /** The price the counter charged. */
    public Money claimedPrice() {
        return decision.setPrice();
    }
}
