package cn.laorenjia.settlement.register.service;

import cn.laorenjia.core.policy.Eligibility;
import cn.laorenjia.core.policy.EligibilityRules;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.core.senior.Fact;
import cn.laorenjia.core.senior.FactKind;
import cn.laorenjia.core.senior.Period;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.core.senior.SeniorFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Counts the register's seniors by eligibility on a date, deciding each with the core rules under the
 * policy of the jurisdiction where they live (the jurisdiction of their 街镇's canteens).
 */
@ApplicationScoped
public class SeniorEligibilityCounter {

    public record Counts(Map<String, Long> eligibleByRoute, Map<String, Long> notEligibleByReason) {
    }

    private final EntityManager em;
    private final PolicyCatalog policies;

    public SeniorEligibilityCounter(EntityManager em, PolicyCatalog policies) {
        this.em = em;
        this.policies = policies;
    }

    /** Must run inside a transaction. */
    public Counts countOn(LocalDate date) {
        Map<String, String> jurisdictionBySubdistrict = jurisdictionBySubdistrict();
        Map<Long, List<Fact>> factsBySenior = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> factRows = em.createNativeQuery(
                "select senior_id, kind, value, valid_from, valid_to from senior_fact where corrected_at is null").getResultList();
        for (Object[] r : factRows) {
            LocalDate from = (LocalDate) r[3];
            LocalDate to = (LocalDate) r[4];
            Fact fact = new Fact(FactKind.valueOf((String) r[1]), (String) r[2],
                    to == null ? Period.from(from) : Period.between(from, to));
            factsBySenior.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>()).add(fact);
        }
        Map<String, Long> byRoute = new TreeMap<>();
        Map<String, Long> byReason = new TreeMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> seniors = em.createNativeQuery("select id, id_number, subdistrict from senior").getResultList();
        for (Object[] row : seniors) {
            long id = ((Number) row[0]).longValue();
            String jurisdiction = jurisdictionBySubdistrict.get((String) row[2]);
            if (jurisdiction == null) {
                // no canteen serves the senior's 街镇 yet, so no policy can be chosen for them
                byReason.merge("NO_CANTEEN_IN_SUBDISTRICT", 1L, Long::sum);
                continue;
            }
            Optional<PolicyVersion> policy = policies.inForce(jurisdiction, date);
            if (policy.isEmpty()) {
                byReason.merge("NO_POLICY_IN_FORCE", 1L, Long::sum);
                continue;
            }
            SeniorFacts facts = SeniorFacts.of(IdNumber.parse((String) row[1]), factsBySenior.getOrDefault(id, List.of()));
            Eligibility e = EligibilityRules.assess(facts, date, policy.get());
            if (e.isEligible()) {
                byRoute.merge(e.routes().iterator().next().name(), 1L, Long::sum);
            } else {
                e.reasonCodes().forEach(code -> byReason.merge(code.name(), 1L, Long::sum));
            }
        }
        return new Counts(byRoute, byReason);
    }

    private Map<String, String> jurisdictionBySubdistrict() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "select subdistrict, min(jurisdiction) from canteen group by subdistrict").getResultList();
        Map<String, String> map = new HashMap<>();
        for (Object[] r : rows) {
            map.put((String) r[0], (String) r[1]);
        }
        return map;
    }
}
