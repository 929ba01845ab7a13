package cn.laorenjia.settlement.register.service;

import cn.laorenjia.core.policy.Eligibility;
import cn.laorenjia.core.policy.EligibilityRoute;
import cn.laorenjia.core.policy.EligibilityRules;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.policy.Reason;
import cn.laorenjia.core.senior.EnrolmentState;
import cn.laorenjia.core.senior.SeniorFacts;
import cn.laorenjia.settlement.register.entity.Senior;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A senior's eligibility on a date with every reason, decided by the core ({@link EligibilityRules}) under the policy
 * of the senior's jurisdiction: what a reviewer sees while deciding an application, and a clerk when checking a
 * senior. Nothing here decides anything the core does not.
 */
@ApplicationScoped
public class SeniorEligibility {

    /** A route, with its Chinese name. */
    public record RouteView(EligibilityRoute route, String labelZh) {
        static RouteView of(EligibilityRoute route) {
            return new RouteView(route, route.labelZh());
        }
    }

    /** One reason of the core, with its Chinese text; {@code route} when it explains why that route fails. */
    public record ReasonView(String code, EligibilityRoute route, String labelZh) {
        public static ReasonView of(Reason reason) {
            return new ReasonView(reason.code().name(), reason.route(), reason.labelZh());
        }
    }

    /** The route an applicant claimed against what the core finds: met, or why not. */
    public record ClaimedRouteView(EligibilityRoute route, String labelZh,
                                   @Schema(description = "whether the core finds this route's conditions met") boolean met,
                                   @Schema(description = "false when the policy version in force has no such route")
                                   boolean inPolicy,
                                   List<ReasonView> failures) {
    }

    @Schema(name = "EligibilityView", description = "资格判定：核心规则在该日期的结论及全部理由")
    public record EligibilityView(
            @Schema(description = "null for an applicant not yet in the register") Long seniorId,
            Long applicationId, LocalDate date, String jurisdiction,
            @Schema(description = "null when no policy is in force for the senior's 街镇 on that date") String policyVersion,
            Integer age, boolean eligible, String summaryZh, List<RouteView> routes, List<ReasonView> reasons,
            @Schema(description = "the route claimed in the application; null for a senior's own check")
            ClaimedRouteView claimedRoute,
            @Schema(description = "true when the assessment assumes the application approved on that date (an "
                    + "application under review is not enrolled yet)") boolean assumesApproval) {
    }

    private final EntityManager em;
    private final PolicyCatalog policies;
    private final RegisterService register;

    public SeniorEligibility(EntityManager em, PolicyCatalog policies, RegisterService register) {
        this.em = em;
        this.policies = policies;
        this.register = register;
    }

    /** A senior of the register (within the caller's scope) on that date, from the facts as recorded. */
    @Transactional
    public EligibilityView ofSenior(long seniorId, Optional<LocalDate> date) {
        Senior senior = register.findSenior(seniorId);
        LocalDate on = date.orElseGet(register::today);
        return assess(senior.id, null, senior.toFacts(), senior.district, senior.subdistrict, on, null, false);
    }

    /**
     * The assessment for these facts in that place and on that date. {@code assumesApproval}: the facts include an
     * enrolment approved from that date that is not recorded yet. {@code claimed}: the route to compare.
     * Must run in a transaction.
     */
    public EligibilityView assess(Long seniorId, Long applicationId, SeniorFacts facts, String district,
                                  String subdistrict, LocalDate date, EligibilityRoute claimed, boolean assumesApproval) {
        Optional<String> jurisdiction = jurisdictionOf(district, subdistrict);
        Optional<PolicyVersion> policy = jurisdiction.flatMap(j -> policies.inForce(j, date));
        if (policy.isEmpty()) {
            return new EligibilityView(seniorId, applicationId, date, jurisdiction.orElse(null), null, facts.ageOn(date),
                    false, jurisdiction.isEmpty() ? "该街镇没有助餐食堂，无法确定适用的政策" : "该日期无有效的助餐政策",
                    List.of(), List.of(new ReasonView("NO_POLICY_IN_FORCE", null, "该日期无有效的助餐政策")),
                    claimed == null ? null : new ClaimedRouteView(claimed, claimed.labelZh(), false, false, List.of()),
                    assumesApproval);
        }
        Eligibility e = EligibilityRules.assess(facts, date, policy.get());
        ClaimedRouteView claimedView = null;
        if (claimed != null) {
            boolean inPolicy = policy.get().routes().containsKey(claimed);
            List<ReasonView> failures = inPolicy
                    ? EligibilityRules.routeFailures(facts, date, policy.get(), claimed).stream().map(ReasonView::of).toList()
                    : List.of();
            claimedView = new ClaimedRouteView(claimed, claimed.labelZh(), e.routes().contains(claimed), inPolicy, failures);
        }
        String summary = e.isEligible()
                ? "符合助餐补贴条件：" + String.join("；", e.routes().stream().map(EligibilityRoute::labelZh).toList())
                : "不符合助餐补贴条件：" + String.join("；", e.reasons().stream().map(Reason::labelZh).toList());
        return new EligibilityView(seniorId, applicationId, date, jurisdiction.get(), policy.get().id(),
                e.age().isPresent() ? e.age().getAsInt() : null, e.isEligible(), summary,
                e.routes().stream().map(RouteView::of).toList(), e.reasons().stream().map(ReasonView::of).toList(),
                claimedView, assumesApproval);
    }

    /** Whether these facts hold an approved enrolment on that date. */
    static boolean approvedOn(SeniorFacts facts, LocalDate date) {
        return facts.enrolmentOn(date).filter(s -> s == EnrolmentState.APPROVED).isPresent();
    }

    /**
     * The jurisdiction whose policy decides for a senior of that 区 + 街镇: that of the canteens of the 街镇 (as the
     * register's eligibility counts do), else of the 区's canteens, else the catalogue's only jurisdiction.
     */
    public Optional<String> jurisdictionOf(String district, String subdistrict) {
        List<?> bySubdistrict = em.createNativeQuery(
                        "select min(jurisdiction) from canteen where district = ?1 and subdistrict = ?2")
                .setParameter(1, district).setParameter(2, subdistrict).getResultList();
        if (!bySubdistrict.isEmpty() && bySubdistrict.get(0) != null) {
            return Optional.of((String) bySubdistrict.get(0));
        }
        List<?> byDistrict = em.createNativeQuery("select min(jurisdiction) from canteen where district = ?1")
                .setParameter(1, district).getResultList();
        if (!byDistrict.isEmpty() && byDistrict.get(0) != null) {
            return Optional.of((String) byDistrict.get(0));
        }
        return policies.jurisdictions().size() == 1 ? Optional.of(policies.jurisdictions().iterator().next())
                : Optional.empty();
    }
}
