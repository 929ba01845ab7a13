package cn.laorenjia.contract.meal;

import cn.laorenjia.core.policy.Reason;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * One reason against a subsidy, as a preview or a refusal details it: the core's reason code, its Chinese words, and
 * the eligibility route it concerns (left out when it concerns none). The central's answers and the counter's offline
 * previews word a reason the same way because both build it here.
 */
public record RefusalReason(String code, String message, @JsonInclude(JsonInclude.Include.NON_NULL) String route) {

    public RefusalReason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /**
     * The reasons a counter may show: a reason that names a route (why 低保, a disability grade or an age route does
     * not apply) would tell the cashier about the senior's circumstances, so those are left out; {@code NO_ROUTE}
     * (不符合任何助餐补贴对象条件), which always accompanies them, says enough.
     */
    public static List<RefusalReason> shownAtCounter(Collection<Reason> reasons) {
        return reasons.stream().filter(r -> r.route() == null).map(RefusalReason::of).toList();
    }

    public static RefusalReason of(Reason reason) {
        return new RefusalReason(reason.code().name(), reason.labelZh(),
                reason.route() == null ? null : reason.route().name());
    }
}
