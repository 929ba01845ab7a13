package cn.laorenjia.settlement.replay.run;

import cn.laorenjia.core.policy.PolicyVersion;
import cn.laorenjia.settlement.replay.draft.DraftCheck;
import cn.laorenjia.settlement.replay.draft.DraftError;
import cn.laorenjia.settlement.replay.draft.DraftView;
import cn.laorenjia.settlement.replay.draft.PolicyDrafts;
import cn.laorenjia.settlement.replay.service.PolicyReplay;
import cn.laorenjia.settlement.replay.service.ReplayPeriod;
import cn.laorenjia.settlement.replay.service.ReplayReport;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a replay an administrator asked for: the version named (a draft's latest revision, read again from its stored
 * text, or a catalogue version) over the period, by the engine ({@link PolicyReplay}, read-only, outside any
 * transaction: it may take a minute), then keeps the report ({@link ReplayRuns#store}) for the page and the XLSX.
 */
@ApplicationScoped
public class ReplayRunner {

    private final PolicyDrafts drafts;
    private final PolicyReplay replay;
    private final ReplayRuns runs;

    public ReplayRunner(PolicyDrafts drafts, PolicyReplay replay, ReplayRuns runs) {
        this.drafts = drafts;
        this.replay = replay;
        this.runs = runs;
    }

    public ReplayRunView run(String versionId, String from, String to) {
        ReplayPeriod period = period(from, to);
        if (versionId == null || versionId.isBlank()) {
            throw DraftError.UNKNOWN_POLICY_VERSION.exception("请选择要测算的政策版本");
        }
        Optional<DraftView> draft = drafts.latest(versionId);
        if (draft.isPresent()) {
            DraftView d = draft.get();
            if (d.withdrawn()) {
                throw DraftError.POLICY_DRAFT_WITHDRAWN.exception("政策草案 " + versionId + " 已撤回，不能再用于测算");
            }
            // the same check as at upload: the text stored is the text replayed
            PolicyVersion proposed = DraftCheck.read(d.yaml());
            return runs.store(replay.replay(proposed, period), ReplayRunView.DRAFT, d.id());
        }
        PolicyVersion version = drafts.catalogueVersion(versionId)
                .orElseThrow(() -> DraftError.UNKNOWN_POLICY_VERSION.exception("未找到政策版本 " + versionId));
        ReplayReport report = replay.replay(version, period);
        return runs.store(report, ReplayRunView.CATALOGUE, null);
    }

    static ReplayPeriod period(String from, String to) {
        if (from == null || from.isBlank() || to == null || to.isBlank()) {
            throw DraftError.REPLAY_PERIOD_INVALID.exception("请选择测算期间的起始和截止日期");
        }
        LocalDate start;
        LocalDate end;
        try {
            start = LocalDate.parse(from.trim());
            end = LocalDate.parse(to.trim());
        } catch (DateTimeParseException e) {
            throw DraftError.REPLAY_PERIOD_INVALID.exception("日期格式应为 2024-01-31", Map.of("from", from, "to", to));
        }
        if (end.isBefore(start)) {
            throw DraftError.REPLAY_PERIOD_INVALID.exception("截止日期早于起始日期");
        }
        try {
            return new ReplayPeriod(start, end);
        } catch (IllegalArgumentException e) {
            throw DraftError.REPLAY_PERIOD_INVALID.exception("测算期间最长 " + ReplayPeriod.MAX_DAYS + " 天",
                    Map.of("maxDays", ReplayPeriod.MAX_DAYS));
        }
    }
}
