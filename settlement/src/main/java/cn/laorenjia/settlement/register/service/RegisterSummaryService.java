package cn.laorenjia.settlement.register.service;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.settlement.register.entity.Canteen;
import cn.laorenjia.settlement.register.entity.Card;
import cn.laorenjia.settlement.register.entity.MealSet;
import cn.laorenjia.settlement.register.entity.Senior;
import cn.laorenjia.settlement.register.entity.Terminal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

@ApplicationScoped
public class RegisterSummaryService {

    private final EntityManager em;
    private final Clock clock;
    private final SeniorEligibilityCounter eligibility;

    public RegisterSummaryService(EntityManager em, Clock clock, SeniorEligibilityCounter eligibility) {
        this.em = em;
        this.clock = clock;
        this.eligibility = eligibility;
    }

    @Transactional
    public RegisterSummary today() {
        LocalDate today = ChinaCalendar.mealDate(clock.instant());
        SeniorEligibilityCounter.Counts counts = eligibility.countOn(today);
        return new RegisterSummary(today, Canteen.count(), Terminal.count(), MealSet.count(), Senior.count(),
                Card.count(), grouped("select subdistrict, count(*) from senior group by subdistrict"),
                grouped("select kind, count(*) from senior_fact where corrected_at is null group by kind"),
                counts.eligibleByRoute(), counts.notEligibleByReason());
    }

    private Map<String, Long> grouped(String sql) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(sql).getResultList();
        Map<String, Long> result = new TreeMap<>();
        for (Object[] row : rows) {
            result.put((String) row[0], ((Number) row[1]).longValue());
        }
        return result;
    }
}
