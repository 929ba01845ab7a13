package cn.laorenjia.settlement.replay.draft;

import java.time.Instant;

/**
 * One revision of a proposed policy: the latest one is the draft's state. {@code yaml} is null for a withdrawal.
 *
 * @param id        the row (what a replay records as the exact text it replayed)
 * @param versionId the id its YAML declares, which names the draft
 */
public record DraftView(long id, String versionId, int revision, String kind, String jurisdiction, String titleZh,
                        String yaml, Instant at, String actor) {

    public static final String UPLOADED = "UPLOADED";
    public static final String EDITED = "EDITED";
    public static final String WITHDRAWN = "WITHDRAWN";

    public boolean withdrawn() {
        return WITHDRAWN.equals(kind);
    }
}
