package cn.laorenjia.settlement.supervision.service;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.senior.PersonName;
import cn.laorenjia.settlement.audit.AuditAction;
import cn.laorenjia.settlement.audit.AuditLog;
import cn.laorenjia.settlement.error.InvalidRequest;
import cn.laorenjia.settlement.register.service.RegisterService;
import cn.laorenjia.settlement.security.AreaScope;
import cn.laorenjia.settlement.security.AreaScopes;
import cn.laorenjia.settlement.settling.service.SettlementError;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.laorenjia.settlement.persistence.Rows.instant;
import static cn.laorenjia.settlement.persistence.Rows.longOrNull;
import static cn.laorenjia.settlement.persistence.Rows.longValue;

/**
 * Anomaly cases: the scan that opens them from the rules' findings, the supervisors' queue and decisions. A case is
 * one per rule, subject and month. Re-scanning updates the figures of a case still open or under review (with a
 * FOUND_AGAIN event when its score changed) and never touches a decided one: a changed score there is only recorded
 * as a FOUND_AGAIN event, the decision stands. A case no longer found stays as it is. Every decision is an event
 * (who, when, the note) and an audit record; reading and deciding are limited to the caller's area.
 */
@ApplicationScoped
public class SupervisionCases implements CanteenCases {

    /** The cases' rows for one read: the canteen's or the senior's names joined. */
    private static final String CASE_COLUMNS = """
            select k.id, k.rule, k.month, c.code, c.name, k.district, k.subdistrict, k.cashier_number, k.senior_id,
                   s.name, s.id_number, k.score, k.threshold, k.meals, k.summary, k.state, k.opened_at, k.decided_at,
                   k.decided_by, k.decision_note, k.canteen_id
            from anomaly_case k left join canteen c on c.id = k.canteen_id left join senior s on s.id = k.senior_id
            """;

    private final EntityManager em;
    private final AnomalyRules rules;
    private final AuditLog audit;
    private final AreaScopes scopes;
    private final Clock clock;
    private final AnomalyConfig config;
    private final AnomalyMetrics metrics;

    public SupervisionCases(EntityManager em, AnomalyRules rules, AuditLog audit, AreaScopes scopes, Clock clock,
                            AnomalyConfig config, AnomalyMetrics metrics) {
        this.em = em;
        this.metrics = metrics;
        this.rules = rules;
        this.audit = audit;
        this.scopes = scopes;
        this.clock = clock;
        this.config = config;
    }

    public record ScanSummary(String month, Map<AnomalyRule, Integer> found, int opened, int updated,
                              int decidedUnchanged, long tookMs) {

        public String describeZh() {
            StringBuilder b = new StringBuilder("异常筛查 " + month + "：新开线索 " + opened + " 条，更新 " + updated
                    + " 条，已决定未改动 " + decidedUnchanged + " 条，用时 " + tookMs + " ms\n");
            b.append("rule,found\n");
            found.forEach((rule, n) -> b.append(rule.name()).append(',').append(n).append('\n'));
            return b.toString();
        }
    }

    public record CaseView(long id, String rule, String ruleLabel, String month, String canteenCode, String canteenName,
                           String district, String subdistrict, String cashierNumber, Long seniorId, String seniorName,
                           String seniorIdNumber, double score, String scoreText, double threshold, String thresholdText,
                           String scoreMeaning, long meals, String summary, String state, String stateLabel,
                           Instant openedAt, Instant decidedAt, String decidedBy, String decisionNote) {
    }

    public record CasePage(List<CaseView> items, long total, int page, int size) {
    }

    public record EventView(Instant at, String actor, String kind, String fromState, String toState, Double score,
                            String note) {
    }

    /** A meal behind a case; the senior masked. */
    public record EvidenceMeal(Instant occurredAt, String mealDate, String slot, String canteenCode, String terminalCode,
                               String cashierNumber, String identifiedBy, String offlineOutcome, String seniorName,
                               String seniorIdNumber, String seniorHome) {
    }

    public record CaseDetail(CaseView kase, List<EventView> events, List<EvidenceMeal> evidence) {
    }

    public record CaseQuery(String month, String rule, String state, String canteen, int page, int size) {
    }

    // ---- the scan ----

    /** The advisory lock that serialises scans across instances ("anomaly" in ASCII): one case per subject. */
    static final long LOCK_KEY = 0x616e6f6d616c79L;

    /**
     * Scans the month in a transaction of its own, with the scan's timeout (a month of a large district takes far
     * longer than a request's default), after any other scan running has finished.
     */
    public ScanSummary scan(YearMonth month) {
        Map<AnomalyRule, Integer> openedByRule = new EnumMap<>(AnomalyRule.class);
        ScanSummary summary = QuarkusTransaction.requiringNew()
                .timeout((int) Math.min(Integer.MAX_VALUE, config.scanTimeout().toSeconds()))
                .call(() -> {
                    openedByRule.clear(); // a transaction run again starts over
                    return scanNow(month, openedByRule);
                });
        metrics.opened(openedByRule);
        return summary;
    }

    private ScanSummary scanNow(YearMonth month, Map<AnomalyRule, Integer> openedByRule) {
        em.createNativeQuery("select pg_advisory_xact_lock(:key)").setParameter("key", LOCK_KEY).getSingleResult();
        Instant started = clock.instant();
        List<Finding> findings = rules.scan(month);
        String actor = audit.currentActor().name();
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        Map<AnomalyRule, Integer> found = new EnumMap<>(AnomalyRule.class);
        for (AnomalyRule r : AnomalyRule.values()) {
            found.put(r, 0);
        }
        int opened = 0, updated = 0, unchanged = 0;
        for (Finding f : findings) {
            found.merge(f.rule(), 1, Integer::sum);
            BigDecimal score = decimal(f.score());
            @SuppressWarnings("unchecked")
            List<Object[]> existing = em.createNativeQuery("""
                            select id, state, score from anomaly_case
                            where rule = :rule and month = :month and coalesce(canteen_id, 0) = :canteen
                              and coalesce(cashier_number, '') = :cashier and coalesce(senior_id, 0) = :senior
                            for update""")
                    .setParameter("rule", f.rule().name()).setParameter("month", month.atDay(1))
                    .setParameter("canteen", f.canteenId() == null ? 0L : f.canteenId())
                    .setParameter("cashier", f.cashierNumber() == null ? "" : f.cashierNumber())
                    .setParameter("senior", f.seniorId() == null ? 0L : f.seniorId()).getResultList();
            if (existing.isEmpty()) {
                long id = longValue(em.createNativeQuery("""
                                insert into anomaly_case (rule, month, canteen_id, cashier_number, senior_id, district,
                                    subdistrict, score, threshold, meals, summary, state, opened_at, opened_by, found_at)
                                values (:rule, :month, :canteen, :cashier, :senior, :district, :subdistrict, :score,
                                        :threshold, :meals, :summary, 'OPEN', :now, :actor, :now)
                                returning id""")
                        .setParameter("rule", f.rule().name()).setParameter("month", month.atDay(1))
                        .setParameter("canteen", f.canteenId()).setParameter("cashier", f.cashierNumber())
                        .setParameter("senior", f.seniorId()).setParameter("district", f.district())
                        .setParameter("subdistrict", f.subdistrict()).setParameter("score", score)
                        .setParameter("threshold", decimal(f.threshold())).setParameter("meals", f.meals())
                        .setParameter("summary", f.summaryZh()).setParameter("now", now).setParameter("actor", actor)
                        .getSingleResult());
                event(id, now, actor, "OPENED", null, CaseState.OPEN, score, null);
                opened++;
                openedByRule.merge(f.rule(), 1, Integer::sum);
                continue;
            }
            long id = longValue(existing.get(0)[0]);
            CaseState state = CaseState.valueOf((String) existing.get(0)[1]);
            BigDecimal before = (BigDecimal) existing.get(0)[2];
            if (state.decided()) {
                // the decision stands; a different figure found later is only recorded
                BigDecimal last = (BigDecimal) em.createNativeQuery("""
                                select score from anomaly_case_event where case_id = :id and score is not null
                                order by id desc limit 1""").setParameter("id", id).getSingleResult();
                if (last == null || last.compareTo(score) != 0) {
                    event(id, now, actor, "FOUND_AGAIN", state, state, score, "已决定的线索再次筛查：" + f.summaryZh());
                }
                unchanged++;
                continue;
            }
            em.createNativeQuery("""
                            update anomaly_case set score = :score, threshold = :threshold, meals = :meals,
                                   summary = :summary, found_at = :now where id = :id""")
                    .setParameter("score", score).setParameter("threshold", decimal(f.threshold()))
                    .setParameter("meals", f.meals()).setParameter("summary", f.summaryZh()).setParameter("now", now)
                    .setParameter("id", id).executeUpdate();
            if (before.compareTo(score) != 0) {
                event(id, now, actor, "FOUND_AGAIN", state, state, score, f.summaryZh());
            }
            updated++;
        }
        ScanSummary summary = new ScanSummary(month.toString(), found, opened, updated, unchanged,
                Duration.between(started, clock.instant()).toMillis());
        audit.record(AuditAction.ANOMALY_SCAN, AuditLog.Subject.of("month", month), null,
                Map.of("findings", findings.size(), "opened", opened, "updated", updated));
        return summary;
    }

    /** Notes the offline claims of these days made while their terminal was online (the nightly scan's first step). */
    @Transactional
    public int noteOfflineWhileOnline(java.time.LocalDate from, java.time.LocalDate to) {
        return rules.noteOfflineWhileOnline(from, to);
    }

    /** Every case of the month, all states and areas: the batch command's CSV (rule, subject, score). */
    @Transactional
    public List<String[]> csvRows(YearMonth month) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select k.rule, c.code, k.cashier_number, k.senior_id, k.score
                        from anomaly_case k left join canteen c on c.id = k.canteen_id
                        where k.month = :month order by k.rule, c.code, k.cashier_number, k.senior_id""")
                .setParameter("month", month.atDay(1)).getResultList();
        List<String[]> out = new ArrayList<>();
        for (Object[] r : rows) {
            AnomalyRule rule = AnomalyRule.valueOf((String) r[0]);
            out.add(new String[]{rule.name(), rule.subject() == AnomalyRule.Subject.SENIOR ? "" : (String) r[1],
                    r[2] == null ? "" : (String) r[2], r[3] == null ? "" : r[3].toString(),
                    ((BigDecimal) r[4]).stripTrailingZeros().toPlainString()});
        }
        return out;
    }

    // ---- reading ----

    @Transactional
    public CasePage list(CaseQuery query) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder(" where true");
        if (query.month() != null && !query.month().isBlank()) {
            where.append(" and k.month = :month");
            params.put("month", month(query.month()).atDay(1));
        }
        if (query.rule() != null && !query.rule().isBlank()) {
            AnomalyRule rule = AnomalyRule.of(query.rule())
                    .orElseThrow(() -> InvalidRequest.of("rule", "请求内容无效：没有这条规则 " + query.rule()));
            where.append(" and k.rule = :rule");
            params.put("rule", rule.name());
        }
        if (query.state() != null && !query.state().isBlank()) {
            CaseState state;
            try {
                state = CaseState.valueOf(query.state());
            } catch (IllegalArgumentException e) {
                throw InvalidRequest.of("state", "请求内容无效：状态应为 OPEN、REVIEWING、CLEARED 或 CONFIRMED");
            }
            where.append(" and k.state = :state");
            params.put("state", state.name());
        }
        if (query.canteen() != null && !query.canteen().isBlank()) {
            where.append(" and c.code = :canteen");
            params.put("canteen", query.canteen());
        }
        where.append(scope().condition("k", params));
        Query count = em.createNativeQuery("select count(*) from anomaly_case k left join canteen c on c.id = k.canteen_id"
                + where);
        params.forEach(count::setParameter);
        long total = longValue(count.getSingleResult());
        int size = Math.max(1, Math.min(query.size(), 200));
        int page = Math.max(0, query.page());
        // the queue: undecided first, then by how far the score is past its threshold
        Query q = em.createNativeQuery(CASE_COLUMNS + where + " " + """
                 order by case when k.state in ('OPEN', 'REVIEWING') then 0 else 1 end,
                          k.score / nullif(k.threshold, 0) desc nulls last, k.id
                 limit :limit offset :offset""");
        params.forEach(q::setParameter);
        q.setParameter("limit", size).setParameter("offset", (long) page * size);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return new CasePage(rows.stream().map(SupervisionCases::view).toList(), total, page, size);
    }

    @Override
    @Transactional
    public List<CaseLine> forCanteen(long canteenId, int limit) {
        List<?> codes = em.createNativeQuery("select code from canteen where id = :id").setParameter("id", canteenId)
                .getResultList();
        if (codes.isEmpty()) {
            return List.of();
        }
        return list(new CaseQuery(null, null, null, (String) codes.get(0), 0, limit)).items().stream()
                .map(k -> new CaseLine("/supervision/cases/" + k.id(), k.ruleLabel(), k.stateLabel(),
                        ChinaCalendar.mealDate(k.openedAt()).toString(), k.summary()))
                .toList();
    }

    @Transactional
    public CaseDetail detail(long id) {
        CaseView kase = find(id);
        @SuppressWarnings("unchecked")
        List<Object[]> events = em.createNativeQuery("""
                        select at, actor, kind, from_state, to_state, score, note from anomaly_case_event
                        where case_id = :id order by id""").setParameter("id", id).getResultList();
        List<EventView> history = events.stream().map(r -> new EventView(instant(r[0]), (String) r[1], (String) r[2],
                (String) r[3], (String) r[4], r[5] == null ? null : ((BigDecimal) r[5]).doubleValue(),
                (String) r[6])).toList();
        return new CaseDetail(kase, history, evidence(id));
    }

    private List<EvidenceMeal> evidence(long id) {
        Object[] k = (Object[]) em.createNativeQuery("""
                        select rule, month, canteen_id, cashier_number, senior_id from anomaly_case where id = :id""")
                .setParameter("id", id).getSingleResult();
        AnomalyRule rule = AnomalyRule.valueOf((String) k[0]);
        AnomalyConfig.ClosingBurst burst = config.closingBurst();
        String which = switch (rule) {
            case MANUAL_SHARE_CANTEEN -> "e.identified_by = 'MANUAL'";
            case MANUAL_SHARE_CASHIER -> "e.identified_by = 'MANUAL' and e.cashier_number = :cashier";
            case OFFLINE_SHARE -> "e.offline_outcome is not null";
            case OFFLINE_WHILE_ONLINE -> "exists (select 1 from anomaly_offline_online a where a.entry_id = e.entry_id)";
            case FAR_FROM_HOME -> "(s.district, s.subdistrict) <> (c.district, c.subdistrict)";
            case MANY_CANTEENS -> "e.senior_id = :senior";
            case INELIGIBLE_SENIOR -> AnomalyRules.ineligible("e.senior_id", "e.meal_date");
            case CLOSING_BURST -> """
                    cast(e.occurred_at at time zone 'Asia/Shanghai' as time) >= (case e.slot
                        when 'BREAKFAST' then cast('%s' as time) when 'LUNCH' then cast('%s' as time)
                        else cast('%s' as time) end) - make_interval(mins => %d)""".formatted(burst.breakfastCloses(),
                    burst.lunchCloses(), burst.dinnerCloses(), burst.lastMinutes());
            case SUBSIDISED_SHARE -> "not exists (select 1 from till_sale t where t.sale_id = e.entry_id)";
            case ROUND_TOTALS, IDENTICAL_TOTALS, SUDDEN_GROWTH -> "true";
        };
        boolean byCanteen = rule.subject() != AnomalyRule.Subject.SENIOR;
        YearMonth month = YearMonth.from(cn.laorenjia.settlement.persistence.Rows.localDate(k[1]));
        Query q = em.createNativeQuery("with " + AnomalyRules.NET + """
                select e.occurred_at, e.meal_date, e.slot, c.code, t.code, e.cashier_number, e.identified_by,
                       e.offline_outcome, s.name, s.id_number, s.district || s.subdistrict
                from net e join canteen c on c.id = e.canteen_id join terminal t on t.id = e.terminal_id
                     join senior s on s.id = e.senior_id
                where %s %s
                order by e.occurred_at desc limit :limit""".formatted(which,
                byCanteen ? " and e.canteen_id = :canteen" : ""));
        q.setParameter("from", month.atDay(1)).setParameter("to", month.atEndOfMonth())
                .setParameter("limit", config.evidenceLimit());
        if (byCanteen) {
            q.setParameter("canteen", longValue(k[2]));
        }
        if (rule == AnomalyRule.MANUAL_SHARE_CASHIER) {
            q.setParameter("cashier", k[3]);
        }
        if (rule == AnomalyRule.MANY_CANTEENS) {
            q.setParameter("senior", longValue(k[4]));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new EvidenceMeal(instant(r[0]), r[1].toString(), (String) r[2], (String) r[3],
                (String) r[4], (String) r[5], (String) r[6], (String) r[7], PersonName.masked((String) r[8]),
                RegisterService.maskTail((String) r[9]), (String) r[10])).toList();
    }

    /** A case within the caller's area, or UNKNOWN_CASE. */
    CaseView find(long id) {
        Map<String, Object> params = new HashMap<>();
        String condition = scope().condition("k", params);
        Query q = em.createNativeQuery(CASE_COLUMNS + " where k.id = :id" + condition);
        params.forEach(q::setParameter);
        q.setParameter("id", id);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        if (rows.isEmpty()) {
            throw SupervisionError.UNKNOWN_CASE.exception();
        }
        return view(rows.get(0));
    }

    // ---- decisions ----

    @Transactional
    public CaseView startReview(long id, String note) {
        return move(id, CaseState.REVIEWING, "REVIEW_STARTED", note, false, AuditAction.ANOMALY_CASE_REVIEW_STARTED);
    }

    @Transactional
    public CaseView clear(long id, String note) {
        return move(id, CaseState.CLEARED, "CLEARED", note, true, AuditAction.ANOMALY_CASE_CLEARED);
    }

    @Transactional
    public CaseView confirm(long id, String note) {
        return move(id, CaseState.CONFIRMED, "CONFIRMED", note, true, AuditAction.ANOMALY_CASE_CONFIRMED);
    }

    private CaseView move(long id, CaseState to, String kind, String note, boolean decision, String action) {
        find(id); // the area check
        String text = note == null || note.isBlank() ? null : note.strip();
        if (text != null && text.length() > 500) {
            throw InvalidRequest.of("note", "请求内容无效：说明最多 500 字");
        }
        if (decision && text == null) {
            throw SupervisionError.CASE_NOTE_REQUIRED.exception();
        }
        CaseState from = CaseState.valueOf((String) em.createNativeQuery(
                "select state from anomaly_case where id = :id for update").setParameter("id", id).getSingleResult());
        boolean allowed = switch (to) {
            case REVIEWING -> from == CaseState.OPEN;
            case CLEARED, CONFIRMED -> from == CaseState.OPEN || from == CaseState.REVIEWING;
            case OPEN -> false;
        };
        if (!allowed) {
            throw SupervisionError.CASE_STATE_CONFLICT.exception("该线索" + from.labelZh() + "，不能" + switch (to) {
                case REVIEWING -> "开始核查";
                case CLEARED -> "排除";
                case CONFIRMED -> "确认";
                case OPEN -> "重新打开";
            });
        }
        String actor = audit.currentActor().name();
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        event(id, now, actor, kind, from, to, null, text);
        Query update = em.createNativeQuery(decision
                        ? "update anomaly_case set state = :to, decided_at = :now, decided_by = :actor, decision_note = :note where id = :id"
                        : "update anomaly_case set state = :to where id = :id")
                .setParameter("to", to.name()).setParameter("id", id);
        if (decision) {
            update.setParameter("now", now).setParameter("actor", actor).setParameter("note", text);
        }
        update.executeUpdate();
        audit.record(action, AuditLog.Subject.of("case", id), text, Map.of("from", from.name(), "to", to.name()));
        return find(id);
    }

    private void event(long id, OffsetDateTime at, String actor, String kind, CaseState from, CaseState to,
                       BigDecimal score, String note) {
        em.createNativeQuery("""
                        insert into anomaly_case_event (case_id, at, actor, kind, from_state, to_state, score, note)
                        values (:id, :at, :actor, :kind, cast(:from as text), :to, cast(:score as numeric),
                                cast(:note as text))""")
                .setParameter("id", id).setParameter("at", at).setParameter("actor", actor).setParameter("kind", kind)
                .setParameter("from", from == null ? null : from.name()).setParameter("to", to.name())
                .setParameter("score", score).setParameter("note", note).executeUpdate();
    }

    // ---- helpers ----

    private AreaScope scope() {
        return scopes.current();
    }

    public static YearMonth month(String text) {
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException | NullPointerException e) {
            throw SettlementError.INVALID_MONTH.exception();
        }
    }

    private static BigDecimal decimal(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP);
    }

    private static CaseView view(Object[] r) {
        AnomalyRule rule = AnomalyRule.valueOf((String) r[1]);
        CaseState state = CaseState.valueOf((String) r[15]);
        double score = ((BigDecimal) r[11]).doubleValue();
        double threshold = ((BigDecimal) r[12]).doubleValue();
        return new CaseView(longValue(r[0]), rule.name(), rule.labelZh(), r[2].toString().substring(0, 7),
                (String) r[3], (String) r[4], (String) r[5], (String) r[6], (String) r[7], longOrNull(r[8]),
                r[9] == null ? null : PersonName.masked((String) r[9]), RegisterService.maskTail((String) r[10]),
                score, figure(rule, score), threshold, figure(rule, threshold), rule.scoreZh(), longValue(r[13]),
                (String) r[14], state.name(), state.labelZh(), instant(r[16]), r[17] == null ? null : instant(r[17]),
                (String) r[18], (String) r[19]);
    }

    private static String figure(AnomalyRule rule, double value) {
        return rule.scoreIsShare() ? AnomalyRules.pct(value)
                : BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
