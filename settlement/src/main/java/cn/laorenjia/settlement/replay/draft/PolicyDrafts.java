package cn.laorenjia.settlement.replay.draft;

import cn.laorenjia.core.policy.PolicyBook;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.settlement.audit.AuditAction;
import cn.laorenjia.settlement.audit.AuditLog;
import cn.laorenjia.settlement.audit.AuditLog.Subject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static cn.laorenjia.settlement.replay.draft.Rows.instant;

/**
 * Proposed policies: version files an administrator uploads to see what they would have cost (issue 22). A draft is
 * checked exactly as the catalogue's own files are, but is never in force: it is kept here, never added to the
 * {@link PolicyCatalog} the live decisions use. Append-only: an edit is a new revision, a withdrawal a row of its own;
 * each is audited in its transaction.
 */
@ApplicationScoped
public class PolicyDrafts {

    private final EntityManager em;
    private final PolicyCatalog catalog;
    private final AuditLog audit;
    private final Clock clock;
    private final DraftConfig config;

    public PolicyDrafts(EntityManager em, PolicyCatalog catalog, AuditLog audit, Clock clock, DraftConfig config) {
        this.em = em;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
        this.config = config;
    }

    /** A new draft; its id must be neither a catalogue version nor a draft already (withdrawn ones may come back). */
    @Transactional
    public DraftView upload(String yaml) {
        PolicyVersion version = check(yaml);
        lock(version.id());
        Optional<DraftView> before = latest(version.id());
        if (before.isPresent() && !before.get().withdrawn()) {
            throw DraftError.POLICY_DRAFT_EXISTS.exception("已有编号为 " + version.id() + " 的政策草案，请在该草案上修改");
        }
        return insert(version, yaml, DraftView.UPLOADED, before.map(DraftView::revision).orElse(0) + 1,
                AuditAction.POLICY_DRAFT_UPLOADED);
    }

    /** A new revision of a draft; the text must keep the draft's id. */
    @Transactional
    public DraftView edit(String versionId, String yaml) {
        PolicyVersion version = check(yaml);
        if (!version.id().equals(versionId)) {
            throw DraftError.POLICY_DRAFT_ID_CHANGED.exception("修改草案时不能改变版本编号：草案为 " + versionId
                    + "，文件中为 " + version.id());
        }
        lock(versionId);
        DraftView before = live(versionId);
        return insert(version, yaml, DraftView.EDITED, before.revision() + 1, AuditAction.POLICY_DRAFT_EDITED);
    }

    /** The draft is no longer offered for replays; its revisions and the replays run with them stay. */
    @Transactional
    public DraftView withdraw(String versionId) {
        lock(versionId);
        DraftView before = live(versionId);
        long id = nextRow(versionId, before.revision() + 1, DraftView.WITHDRAWN, before.jurisdiction(),
                before.titleZh(), null);
        audit.record(AuditAction.POLICY_DRAFT_WITHDRAWN, Subject.of("policy-draft", versionId), null,
                Map.of("draftId", id, "revision", before.revision() + 1));
        return row(id);
    }

    /** The latest revision of every draft, withdrawn ones included, the most recently changed first. */
    public List<DraftView> drafts() {
        return views(em.createNativeQuery(SELECT + """
                 where (d.version_id, d.revision) in (select version_id, max(revision) from policy_draft group by version_id)
                 order by d.at desc, d.id desc""").getResultList());
    }

    /** Every revision of one draft, the latest first. */
    public List<DraftView> revisions(String versionId) {
        return views(em.createNativeQuery(SELECT + " where d.version_id = ?1 order by d.revision desc")
                .setParameter(1, versionId).getResultList());
    }

    public Optional<DraftView> latest(String versionId) {
        List<DraftView> rows = views(em.createNativeQuery(SELECT + " where d.version_id = ?1 order by d.revision desc limit 1")
                .setParameter(1, versionId).getResultList());
        return rows.stream().findFirst();
    }

    /** The latest revision of a draft that is not withdrawn. */
    public DraftView live(String versionId) {
        DraftView draft = latest(versionId).orElseThrow(() -> DraftError.UNKNOWN_POLICY_DRAFT.exception());
        if (draft.withdrawn()) {
            throw DraftError.POLICY_DRAFT_WITHDRAWN.exception("政策草案 " + versionId + " 已撤回");
        }
        return draft;
    }

    /** Whether a version of that id is in the catalogue the live decisions use. */
    public Optional<PolicyVersion> catalogueVersion(String versionId) {
        for (String jurisdiction : catalog.jurisdictions()) {
            Optional<PolicyVersion> v = catalog.book(jurisdiction).version(versionId);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    /** The catalogue's own versions (each once, though a jurisdiction may apply another's book), oldest first. */
    public List<PolicyVersion> catalogueVersions() {
        Map<String, PolicyVersion> byId = new LinkedHashMap<>();
        for (String jurisdiction : catalog.jurisdictions()) {
            PolicyBook book = catalog.book(jurisdiction);
            book.versions().forEach(v -> byId.putIfAbsent(v.id(), v));
        }
        return byId.values().stream()
                .sorted(Comparator.comparing(PolicyVersion::jurisdiction)
                        .thenComparing(PolicyVersion::effectiveFrom))
                .toList();
    }

    /** Size, then the file as the catalogue reads it, then the catalogue's ids and jurisdictions. */
    PolicyVersion check(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            throw DraftError.POLICY_DRAFT_INVALID.exception("政策草案文件为空", Map.of("problem", "empty"));
        }
        long bytes = yaml.getBytes(StandardCharsets.UTF_8).length;
        long max = config.maxSize().asLongValue();
        if (bytes > max) {
            throw DraftError.POLICY_DRAFT_TOO_LARGE.exception("政策草案文件过大（" + bytes + " 字节，最多 " + max + " 字节）",
                    Map.of("bytes", bytes, "maxBytes", max));
        }
        PolicyVersion version = DraftCheck.read(yaml);
        if (catalogueVersion(version.id()).isPresent()) {
            throw DraftError.POLICY_DRAFT_ID_IN_CATALOGUE.exception("版本编号 " + version.id()
                    + " 已是正式政策版本，请为草案另起一个编号（例如 " + version.id() + "-draft）");
        }
        if (catalog.findBook(version.jurisdiction()).isEmpty()) {
            throw DraftError.POLICY_DRAFT_UNKNOWN_JURISDICTION.exception("适用地区 " + version.jurisdiction()
                    + " 不在政策目录中（可用：" + String.join("、", catalog.jurisdictions()) + "）");
        }
        return version;
    }

    private DraftView insert(PolicyVersion version, String yaml, String kind, int revision, String action) {
        long id = nextRow(version.id(), revision, kind, version.jurisdiction(), version.titleZh(), yaml);
        audit.record(action, Subject.of("policy-draft", version.id()), null, Map.of("draftId", id,
                "revision", revision, "jurisdiction", version.jurisdiction(),
                "bytes", yaml.getBytes(StandardCharsets.UTF_8).length));
        return row(id);
    }

    private long nextRow(String versionId, int revision, String kind, String jurisdiction, String title, String yaml) {
        return ((Number) em.createNativeQuery("""
                        insert into policy_draft (version_id, revision, kind, jurisdiction, title_zh, yaml_text, at, actor)
                        values (?1, ?2, ?3, ?4, ?5, cast(?6 as text), ?7, ?8) returning id""")
                .setParameter(1, versionId).setParameter(2, revision).setParameter(3, kind)
                .setParameter(4, jurisdiction).setParameter(5, title).setParameter(6, yaml)
                .setParameter(7, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .setParameter(8, audit.currentActor().name())
                .getSingleResult()).longValue();
    }

    /** Two edits of one draft at once: the second waits and numbers its revision after the first. */
    private void lock(String versionId) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('policy_draft:' || ?1))")
                .setParameter(1, versionId).getSingleResult();
    }

    /** One revision by its row id. */
    public DraftView row(long id) {
        return views(em.createNativeQuery(SELECT + " where d.id = ?1").setParameter(1, id).getResultList())
                .stream().findFirst().orElseThrow(() -> DraftError.UNKNOWN_POLICY_DRAFT.exception());
    }

    private static final String SELECT = """
            select d.id, d.version_id, d.revision, d.kind, d.jurisdiction, d.title_zh, d.yaml_text, d.at, d.actor
              from policy_draft d
            """;

    @SuppressWarnings("unchecked")
    private static List<DraftView> views(List<?> rows) {
        return ((List<Object[]>) rows).stream().map(r -> new DraftView(((Number) r[0]).longValue(), (String) r[1],
                ((Number) r[2]).intValue(), (String) r[3], (String) r[4], (String) r[5], (String) r[6], instant(r[7]),
                (String) r[8])).toList();
    }
}
