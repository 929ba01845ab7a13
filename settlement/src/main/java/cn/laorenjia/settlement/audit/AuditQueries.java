package cn.laorenjia.settlement.audit;

import cn.laorenjia.core.calendar.ChinaCalendar;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the audit for administrators, newest first. */
@ApplicationScoped
public class AuditQueries {

    /** One audit row as the API answers it. Details were masked when recorded (no full ID number is stored). */
    public record AuditEventView(long id, Instant at, String actor, String actorKind, String address, String action,
                                 String subjectKind, String subjectId, String reason, JsonNode details) {
    }

    public record AuditPage(long total, int page, int pageSize, List<AuditEventView> items) {
    }

    private final EntityManager em;
    private final ObjectMapper json;

    public AuditQueries(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    @Transactional
    public AuditPage find(AuditQuery query) {
        StringBuilder where = new StringBuilder(" from audit_event where true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (query.actor() != null) {
            where.append(" and actor = :actor");
            params.put("actor", query.actor());
        }
        if (query.action() != null) {
            where.append(" and action = :action");
            params.put("action", query.action());
        }
        if (query.subject() != null) {
            int colon = query.subject().indexOf(':');
            if (colon > 0) {
                where.append(" and subject_kind = :subjectKind and subject_id = :subjectId");
                params.put("subjectKind", query.subject().substring(0, colon));
                params.put("subjectId", query.subject().substring(colon + 1));
            } else {
                where.append(" and subject_id = :subjectId");
                params.put("subjectId", query.subject());
            }
        }
        if (query.from() != null) {
            where.append(" and at >= :from");
            params.put("from", OffsetDateTime.ofInstant(query.from().atStartOfDay(ChinaCalendar.ZONE).toInstant(),
                    java.time.ZoneOffset.UTC));
        }
        if (query.to() != null) {
            where.append(" and at < :to");
            params.put("to", OffsetDateTime.ofInstant(query.to().plusDays(1).atStartOfDay(ChinaCalendar.ZONE)
                    .toInstant(), java.time.ZoneOffset.UTC));
        }
        Query count = em.createNativeQuery("select count(*)" + where);
        Query rows = em.createNativeQuery("select id, at, actor, actor_kind, address, action, subject_kind, subject_id,"
                        + " reason, cast(details as text)" + where + " order by at desc, id desc")
                .setFirstResult(query.page() * AuditQuery.PAGE_SIZE).setMaxResults(AuditQuery.PAGE_SIZE);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            rows.setParameter(k, v);
        });
        @SuppressWarnings("unchecked")
        List<Object[]> found = rows.getResultList();
        List<AuditEventView> items = found.stream().map(r -> new AuditEventView(((Number) r[0]).longValue(),
                instant(r[1]), (String) r[2], (String) r[3], (String) r[4], (String) r[5], (String) r[6],
                (String) r[7], (String) r[8], parse((String) r[9]))).toList();
        return new AuditPage(((Number) count.getSingleResult()).longValue(), query.page(), AuditQuery.PAGE_SIZE, items);
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text == null ? "{}" : text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit details are not JSON", e);
        }
    }
}
