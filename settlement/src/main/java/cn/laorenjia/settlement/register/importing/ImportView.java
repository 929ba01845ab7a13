package cn.laorenjia.settlement.register.importing;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** An import as the API answers it: the record, and for a dry run or apply just made, its first problems. */
@Schema(name = "RegisterImport")
public record ImportView(
        long id,
        @Schema(description = "REGISTER（老人登记名册）or CHANGES（民政变更名单）") ImportKind kind,
        @Schema(description = "DRY_RUN（预检，未写入）or APPLIED（已导入）") String mode,
        String fileName, String sha256, String format, String charset,
        @Schema(description = "the dry run this import applied") Long dryRunId,
        Instant at, String actor,
        int rows, int rowsOk, int rowsUnchanged, int rowsWithProblems, int problemCount,
        @Schema(description = "APPLIED: how many seniors, facts, factsEnded, cards were written") java.util.Map<String, Integer> written,
        @Schema(description = "the import that already applied this very file (same kind and SHA-256), if one did: "
                + "applying again changes nothing") Long alreadyAppliedBy,
        @Schema(description = "where to download the result file (XLSX: every row with its outcome and problems)")
        String resultUrl,
        @Schema(description = "the first problems (all of them are in the result file)") List<RowProblem> problems,
        List<String> ignoredColumns) {
}
