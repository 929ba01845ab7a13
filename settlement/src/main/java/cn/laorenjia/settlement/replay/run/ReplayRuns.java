package cn.laorenjia.settlement.replay.run;

import cn.laorenjia.settlement.audit.AuditAction;
import cn.laorenjia.settlement.audit.AuditLog;
import cn.laorenjia.settlement.audit.AuditLog.Subject;
import cn.laorenjia.settlement.replay.draft.DraftError;
import cn.laorenjia.settlement.replay.service.ReplayReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.laorenjia.settlement.replay.draft.Rows.date;
import static cn.laorenjia.settlement.replay.draft.Rows.instant;

/**
 * The replays run, kept with their reports (append-only): the page and the XLSX read a report back from here, never by
 * running it again, and what a draft's revision would have cost stays as it was computed.
 */
@ApplicationScoped
public class ReplayRuns {

    private final EntityManager em;
    private final AuditLog audit;
    private final Clock clock;
    private final ObjectMapper json;

    public ReplayRuns(EntityManager em, AuditLog audit, Clock clock, ObjectMapper json) {
        this.em = em;
        this.audit = audit;
        this.clock = clock;
        this.json = json;
    }

    /** A line of the list of runs: enough to choose one, without reading its report. */
    public record RunSummary(long id, Instant at, String actor, String versionId, String source, LocalDate from,
                             LocalDate to, long elapsedMillis, boolean ranOnReplica, long actualTotalFen,
                             long proposedTotalFen) {
    }

    /** Keeps a report the engine gave, audited in the same transaction. {@code draftId}: the revision replayed, if a draft. */
    @Transactional
    public ReplayRunView store(ReplayReport report, String source, Long draftId) {
        long id = ((Number) em.createNativeQuery("""
                        insert into policy_replay_run (at, actor, version_id, source, draft_id, period_from, period_to,
                                                       elapsed_ms, ran_on_replica, report)
                        values (?1, ?2, ?3, ?4, cast(?5 as bigint), ?6, ?7, ?8, ?9, cast(?10 as jsonb)) returning id""")
                .setParameter(1, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .setParameter(2, audit.currentActor().name())
                .setParameter(3, report.proposedVersionId())
                .setParameter(4, source)
                .setParameter(5, draftId)
                .setParameter(6, report.period().from())
                .setParameter(7, report.period().to())
                .setParameter(8, report.elapsed().toMillis())
                .setParameter(9, report.ranOnReplica())
                .setParameter(10, ReplayReportJson.write(json, report))
                .getSingleResult()).longValue();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("versionId", report.proposedVersionId());
        details.put("source", source);
        if (draftId != null) {
            details.put("draftId", draftId);
        }
        details.put("from", report.period().from().toString());
        details.put("to", report.period().to().toString());
        details.put("attempts", report.attemptsReplayed());
        details.put("elapsedMillis", report.elapsed().toMillis());
        details.put("ranOnReplica", report.ranOnReplica());
        audit.record(AuditAction.POLICY_REPLAY_RUN, Subject.of("policy-replay", id), null, details);
        return find(id);
    }

    public ReplayRunView find(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select r.id, r.at, r.actor, r.version_id, r.source, r.draft_id, d.revision, cast(r.report as text)
                          from policy_replay_run r left join policy_draft d on d.id = r.draft_id
                         where r.id = ?1""")
                .setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            throw DraftError.UNKNOWN_REPLAY_RUN.exception();
        }
        Object[] r = rows.get(0);
        return new ReplayRunView(((Number) r[0]).longValue(), instant(r[1]), (String) r[2], (String) r[3],
                (String) r[4], r[5] == null ? null : ((Number) r[5]).longValue(),
                r[6] == null ? null : ((Number) r[6]).intValue(), ReplayReportJson.read(json, (String) r[7]));
    }

    /** The latest runs, newest first. */
    public List<RunSummary> latest(int max) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select id, at, actor, version_id, source, period_from, period_to, elapsed_ms, ran_on_replica,
                               (report #>> '{total,actual,discountsFen}')::bigint
                                 + (report #>> '{total,actual,operatingSubsidiesFen}')::bigint,
                               (report #>> '{total,proposed,discountsFen}')::bigint
                                 + (report #>> '{total,proposed,operatingSubsidiesFen}')::bigint
                          from policy_replay_run order by at desc, id desc limit ?1""")
                .setParameter(1, max).getResultList();
        return rows.stream().map(r -> new RunSummary(((Number) r[0]).longValue(), instant(r[1]), (String) r[2],
                (String) r[3], (String) r[4], date(r[5]), date(r[6]), ((Number) r[7]).longValue(), (Boolean) r[8],
                ((Number) r[9]).longValue(), ((Number) r[10]).longValue())).toList();
    }
}
