package cn.laorenjia.settlement.register.importing;

import java.time.Instant;

/** One row of {@code register_import}: a dry run, or the import that applied one. */
record ImportRecord(Long id, ImportKind kind, Mode mode, String sha256, String fileName, String format, String charset,
                    Long dryRunId, Instant at, String actor, int rows, int rowsOk, int rowsUnchanged,
                    int rowsWithProblems, int problems, String writtenJson) {

    enum Mode { DRY_RUN, APPLIED }
}
