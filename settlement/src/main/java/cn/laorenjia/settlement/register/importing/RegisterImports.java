package cn.laorenjia.settlement.register.importing;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.settlement.audit.AuditAction;
import cn.laorenjia.settlement.audit.AuditLog;
import cn.laorenjia.settlement.audit.AuditLog.Subject;
import cn.laorenjia.settlement.error.InvalidRequest;
import cn.laorenjia.settlement.register.importing.CheckedFile.Outcome;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bulk import of the register and of 民政 change lists. A file is first checked (dry run): every row against the
 * rules of the single-senior API and against the register, nothing written but the record of the check and its
 * result file. Applying a dry run checks the stored file again against the register as it is then and writes all its
 * rows in one transaction, or nothing if any row has a problem. The same file (kind and SHA-256) is applied once:
 * applying it again answers the first import and changes nothing.
 */
@ApplicationScoped
public class RegisterImports {

    private static final Logger LOG = Logger.getLogger(RegisterImports.class);
    /** How many problems the API answers inline; the result file has them all. */
    static final int PROBLEMS_SHOWN = 500;

    private final ImportRepository repository;
    private final AuditLog audit;
    private final Clock clock;
    private final int maxRows;

    private final ObjectMapper json;

    public RegisterImports(ImportRepository repository, AuditLog audit, Clock clock, ImportConfig config,
                           ObjectMapper json) {
        this.json = json;
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
        this.maxRows = config.maxRows();
    }

    /** Checks a file row by row and records the check; writes nothing into the register. */
    @Transactional
    public ImportView dryRun(ImportKind kind, String fileName, String charset, byte[] content) {
        String name = fileName(fileName);
        long started = System.nanoTime();
        ImportTable table = ImportTable.read(kind, content, charset, maxRows);
        CheckedFile checked = check(kind, table, false);
        String sha256 = sha256(content);
        Instant now = clock.instant();
        String actor = audit.currentActor().name();
        repository.storeFile(sha256, content, now, actor);
        ImportRecord record = record(null, kind, ImportRecord.Mode.DRY_RUN, sha256, name, table, null, now, actor,
                checked, "{}");
        long id = repository.insert(record, ImportWorkbooks.result(checked, false), "{}");
        audit.record(AuditAction.REGISTER_IMPORT_CHECKED, Subject.of("import", id), null, counts(record, Map.of()));
        LOG.infof("Import %d (%s, dry run): %d rows, %d with problems, %d ms", id, kind, record.rows(),
                record.rowsWithProblems(), (System.nanoTime() - started) / 1_000_000);
        Long appliedBy = repository.applied(kind, sha256).map(ImportRecord::id).orElse(null);
        return view(withId(record, id), checked, appliedBy);
    }

    /**
     * Applies a dry run: all rows in this transaction, or none. Refused with IMPORT_HAS_PROBLEMS if the file, checked
     * against the register as it is now, has a problem; the import that already applied this file is answered as it is.
     */
    @Transactional
    public ImportView apply(long dryRunId) {
        repository.lockImports();
        ImportRecord dryRun = repository.find(dryRunId).orElseThrow(ImportError.UNKNOWN_IMPORT::exception);
        if (dryRun.mode() != ImportRecord.Mode.DRY_RUN) {
            throw ImportError.IMPORT_NOT_A_DRY_RUN.exception();
        }
        Optional<ImportRecord> applied = repository.applied(dryRun.kind(), dryRun.sha256());
        if (applied.isPresent()) {
            return view(applied.get(), null, applied.get().id());
        }
        long started = System.nanoTime();
        byte[] content = repository.fileContent(dryRun.sha256());
        ImportTable table = ImportTable.read(dryRun.kind(), content, dryRun.charset(), maxRows);
        CheckedFile checked = check(dryRun.kind(), table, true);
        if (checked.count(Outcome.PROBLEM) > 0) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("dryRunId", dryRunId);
            details.put("rowsWithProblems", checked.count(Outcome.PROBLEM));
            details.put("problems", firstProblems(checked, 50));
            throw ImportError.IMPORT_HAS_PROBLEMS.exception(checked.count(Outcome.PROBLEM) + "行有问题", details);
        }
        String actor = audit.currentActor().name();
        ImportRepository.Written written = dryRun.kind() == ImportKind.REGISTER
                ? repository.insertSeniors(checked.seniors(), actor)
                : repository.applyChanges(checked.ends(), checked.adds(), actor);
        String writtenJson = "{\"seniors\":" + written.seniors() + ",\"facts\":" + written.facts() + ",\"factsEnded\":"
                + written.factsEnded() + ",\"cards\":" + written.cards() + "}";
        ImportRecord record = record(null, dryRun.kind(), ImportRecord.Mode.APPLIED, dryRun.sha256(), dryRun.fileName(),
                table, dryRunId, clock.instant(), actor, checked, writtenJson);
        long id = repository.insert(record, ImportWorkbooks.result(checked, true), writtenJson);
        audit.record(AuditAction.REGISTER_IMPORTED, Subject.of("import", id), null, counts(record, written.asMap()));
        LOG.infof("Import %d (%s) applied dry run %d: %s, %d ms", id, dryRun.kind(), dryRunId, writtenJson,
                (System.nanoTime() - started) / 1_000_000);
        return view(withId(record, id), checked, null);
    }

    @Transactional
    public List<ImportView> latest(int limit) {
        return repository.latest(Math.max(1, Math.min(limit, 500))).stream().map(r -> view(r, null, null)).toList();
    }

    @Transactional
    public ImportView find(long id) {
        ImportRecord r = repository.find(id).orElseThrow(ImportError.UNKNOWN_IMPORT::exception);
        Long appliedBy = r.mode() == ImportRecord.Mode.DRY_RUN
                ? repository.applied(r.kind(), r.sha256()).map(ImportRecord::id).orElse(null) : null;
        return view(r, null, appliedBy);
    }

    /** The result file of an import (XLSX), and the name to download it as. */
    @Transactional
    public ResultDownload result(long id) {
        ImportRecord r = repository.find(id).orElseThrow(ImportError.UNKNOWN_IMPORT::exception);
        byte[] content = repository.resultFile(id).orElseThrow(ImportError.UNKNOWN_IMPORT::exception);
        String base = r.fileName().replaceAll("\\.(?i)(xlsx|csv|txt)$", "");
        return new ResultDownload(base + (r.mode() == ImportRecord.Mode.APPLIED ? "-导入结果" : "-预检结果") + ".xlsx",
                content);
    }

    public record ResultDownload(String fileName, byte[] content) {
    }

    private CheckedFile check(ImportKind kind, ImportTable table, boolean forApply) {
        LocalDate today = ChinaCalendar.mealDate(clock.instant());
        return switch (kind) {
            case REGISTER -> RegisterRowsCheck.check(table, today, new RegisterRowsCheck.Register() {
                @Override
                public java.util.Set<String> knownSubdistricts() {
                    return repository.knownSubdistricts();
                }

                @Override
                public java.util.Set<String> registeredIdNumbers(List<String> idNumbers) {
                    return repository.registeredIdNumbers(idNumbers);
                }

                @Override
                public java.util.Set<String> issuedCards(List<String> cardKeys) {
                    return repository.issuedCards(cardKeys);
                }
            });
            case CHANGES -> ChangeRowsCheck.check(table, today, ids -> repository.seniors(ids, forApply));
        };
    }

    private static ImportRecord record(Long id, ImportKind kind, ImportRecord.Mode mode, String sha256, String fileName,
                                       ImportTable table, Long dryRunId, Instant at, String actor, CheckedFile checked,
                                       String writtenJson) {
        return new ImportRecord(id, kind, mode, sha256, fileName, table.opened().format().name(),
                table.opened().charset(), dryRunId, at, actor, checked.results().size(),
                (int) checked.count(Outcome.OK), (int) checked.count(Outcome.UNCHANGED),
                (int) checked.count(Outcome.PROBLEM), checked.problemCount(), writtenJson);
    }

    private static ImportRecord withId(ImportRecord r, long id) {
        return new ImportRecord(id, r.kind(), r.mode(), r.sha256(), r.fileName(), r.format(), r.charset(), r.dryRunId(),
                r.at(), r.actor(), r.rows(), r.rowsOk(), r.rowsUnchanged(), r.rowsWithProblems(), r.problems(),
                r.writtenJson());
    }

    private static Map<String, Object> counts(ImportRecord r, Map<String, Object> written) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", r.kind().name());
        details.put("fileName", r.fileName());
        details.put("sha256", r.sha256());
        details.put("rows", r.rows());
        details.put("rowsOk", r.rowsOk());
        details.put("rowsUnchanged", r.rowsUnchanged());
        details.put("rowsWithProblems", r.rowsWithProblems());
        details.put("problems", r.problems());
        if (r.dryRunId() != null) {
            details.put("dryRun", r.dryRunId());
        }
        if (!written.isEmpty()) {
            details.put("written", written);
        }
        return details;
    }

    private ImportView view(ImportRecord r, CheckedFile checked, Long appliedBy) {
        return new ImportView(r.id(), r.kind(), r.mode().name(), r.fileName(), r.sha256(), r.format(), r.charset(),
                r.dryRunId(), r.at(), r.actor(), r.rows(), r.rowsOk(), r.rowsUnchanged(), r.rowsWithProblems(),
                r.problems(), written(r.writtenJson()), appliedBy, "/api/register/imports/" + r.id() + "/result",
                checked == null ? List.of() : firstProblems(checked, PROBLEMS_SHOWN),
                checked == null ? List.of() : checked.table().ignoredColumns());
    }

    private Map<String, Integer> written(String writtenJson) {
        try {
            return json.readValue(writtenJson, new TypeReference<java.util.TreeMap<String, Integer>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("register_import.written is not an object of counts", e);
        }
    }

    private static List<RowProblem> firstProblems(CheckedFile checked, int limit) {
        return checked.results().stream().flatMap(r -> r.problems().stream()).limit(limit).toList();
    }

    /** The name the file had on the clerk's computer, without its folder; shown in lists and the result's name. */
    private static String fileName(String fileName) {
        String name = fileName == null ? "" : fileName.strip();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        if (name.isEmpty()) {
            return "未命名文件";
        }
        if (name.codePointCount(0, name.length()) > 200 || name.codePoints().anyMatch(Character::isISOControl)) {
            throw InvalidRequest.of("fileName", "文件名过长或含控制字符");
        }
        return name;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
