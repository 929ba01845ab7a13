package cn.laorenjia.settlement.register.importing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A file's rows with the template's columns found by their headers. Rows are kept as the file has them (for the
 * result file, which sends every row back with its outcome) and as cells by {@link Column}.
 */
final class ImportTable implements TableFile.Rows {

    record Row(int number, List<String> raw, String[] cells) {
    }

    private final ImportKind kind;
    private final int maxRows;
    private List<String> header = List.of();
    private final Map<Column, Integer> index = new EnumMap<>(Column.class);
    private final List<Row> rows = new ArrayList<>();
    private TableFile.Opened opened;

    private ImportTable(ImportKind kind, int maxRows) {
        this.kind = kind;
        this.maxRows = maxRows;
    }

    /** Reads and checks the headers; refuses an empty file, a file of other headers, a file of too many rows. */
    static ImportTable read(ImportKind kind, byte[] content, String charset, int maxRows) {
        ImportTable table = new ImportTable(kind, maxRows);
        table.opened = TableFile.read(content, charset, table);
        if (table.index.isEmpty()) {
            throw ImportError.IMPORT_FILE_EMPTY.exception();
        }
        if (table.rows.isEmpty()) {
            throw ImportError.IMPORT_FILE_EMPTY.exception();
        }
        return table;
    }

    @Override
    public void header(List<String> cells) {
        header = List.copyOf(cells);
        Map<String, Column> byHeader = new LinkedHashMap<>();
        for (Column c : Column.of(kind)) {
            byHeader.put(c.header(), c);
        }
        List<String> duplicated = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            Column c = byHeader.get(Column.normalise(cells.get(i)));
            if (c != null && index.putIfAbsent(c, i) != null) {
                duplicated.add(c.header());
            }
        }
        List<String> missing = Column.of(kind).stream().filter(Column::required).filter(c -> !index.containsKey(c))
                .map(Column::header).toList();
        if (!missing.isEmpty() || !duplicated.isEmpty()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("kind", kind.name());
            details.put("missing", missing);
            details.put("duplicated", duplicated);
            details.put("expected", Column.of(kind).stream().map(Column::header).toList());
            String more = (missing.isEmpty() ? "" : "缺少列：" + String.join("、", missing))
                    + (duplicated.isEmpty() ? "" : (missing.isEmpty() ? "" : "；") + "重复的列：" + String.join("、", duplicated))
                    + "；" + kind.labelZh() + "的列为：" + String.join("、", Column.of(kind).stream().map(Column::header).toList());
            throw ImportError.IMPORT_WRONG_HEADERS.exception(more, details);
        }
    }

    @Override
    public void row(int rowNumber, List<String> raw) {
        if (TableFile.isBlank(raw)) {
            return;
        }
        if (rows.size() >= maxRows) {
            throw ImportError.IMPORT_TOO_MANY_ROWS.exception("每个文件最多" + maxRows + "行", Map.of("maxRows", maxRows));
        }
        String[] cells = new String[Column.values().length];
        index.forEach((column, i) -> cells[column.ordinal()] = i < raw.size() ? raw.get(i) : null);
        rows.add(new Row(rowNumber, raw, cells));
    }

    List<String> header() {
        return header;
    }

    List<Row> rows() {
        return rows;
    }

    TableFile.Opened opened() {
        return opened;
    }

    /** Headers of the file that are not the template's: ignored, and said so. */
    List<String> ignoredColumns() {
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (!index.containsValue(i) && !header.get(i).isBlank()) {
                ignored.add(header.get(i));
            }
        }
        return ignored;
    }
}
