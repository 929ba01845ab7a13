package cn.laorenjia.settlement.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The append-only audit: one row per audited action, written in the transaction of the change it records (so a
 * change that rolls back leaves no row, and no change commits without its row). Only inserts: the service's
 * database role may not update or delete audit rows.
 */
@ApplicationScoped
public class AuditLog {

    private final EntityManager em;
    private final Clock clock;
    private final Actors actors;
    private final ObjectMapper json;
    private final AuditMetrics metrics;

    public AuditLog(EntityManager em, Clock clock, Actors actors, ObjectMapper json, AuditMetrics metrics) {
        this.em = em;
        this.metrics = metrics;
        this.clock = clock;
        this.actors = actors;
        this.json = json;
    }

    /** What an action was done to: {@code senior 42}, {@code terminal BD-HB-01-T1}, ... */
    public record Subject(String kind, String id) {

        public static Subject of(String kind, Object id) {
            return new Subject(kind, id == null ? null : id.toString());
        }
    }

    /** Records an action of the current caller (the person or terminal of this request, else the system). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String action, Subject subject, String reason, Map<String, ?> details) {
        record(actors.current(), action, subject, reason, details);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Actor actor, String action, Subject subject, String reason, Map<String, ?> details) {
        insert(actor, action, subject, reason, details);
    }

    /**
     * Records in a transaction of its own: for a refusal (a failed sign-in) whose request changes nothing and
     * whose own transaction, if any, rolls back.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordAlone(Actor actor, String action, Subject subject, Map<String, ?> details) {
        insert(actor, action, subject, null, details);
    }

    /** The current caller, for the actor columns of facts and cards. */
    public Actor currentActor() {
        return actors.current();
    }

    private void insert(Actor actor, String action, Subject subject, String reason, Map<String, ?> details) {
        em.createNativeQuery("""
                        insert into audit_event (at, actor, actor_kind, address, action, subject_kind, subject_id,
                                                 reason, details)
                        values (?1, ?2, ?3, cast(?4 as text), ?5, cast(?6 as text), cast(?7 as text),
                                cast(?8 as text), cast(?9 as jsonb))""")
                .setParameter(1, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .setParameter(2, actor.name())
                .setParameter(3, actor.kind().name())
                .setParameter(4, actor.address())
                .setParameter(5, action)
                .setParameter(6, subject == null ? null : subject.kind())
                .setParameter(7, subject == null ? null : subject.id())
                .setParameter(8, reason)
                .setParameter(9, toJson(details))
                .executeUpdate();
        metrics.written(action);
    }

    private String toJson(Map<String, ?> details) {
        try {
            return json.writeValueAsString(details == null ? Map.of() : details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit details not serialisable", e);
        }
    }
}
