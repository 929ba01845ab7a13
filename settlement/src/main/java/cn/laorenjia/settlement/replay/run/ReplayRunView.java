package cn.laorenjia.settlement.replay.run;

import cn.laorenjia.settlement.replay.service.ReplayReport;

import java.time.Instant;

/**
 * A stored replay: who ran it, when, on which version (a draft's exact revision, or a catalogue version), and its
 * report as it was then. {@code draftId} is null for a catalogue version.
 */
public record ReplayRunView(long id, Instant at, String actor, String versionId, String source, Long draftId,
                            Integer draftRevision, ReplayReport report) {

    public static final String DRAFT = "DRAFT";
    public static final String CATALOGUE = "CATALOGUE";
}
