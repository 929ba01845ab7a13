package cn.laorenjia.settlement.export.service;

import cn.laorenjia.settlement.settling.service.SettledFigures;
import cn.laorenjia.settlement.statement.service.StatementView;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The month's statement lines as one CSV table (RFC 4180, CRLF), UTF-8 with a byte-order mark so that Excel
 * opens the Chinese text correctly. Yuan amounts are the exact text of their fen.
 */
public final class CsvExport {

    static final String BOM = "\uFEFF";

    private CsvExport() {
    }

    public static void write(YearMonth month, List<StatementView> statements, OutputStream out) {
        try {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(BOM);
            List<String> header = new ArrayList<>(List.of("区", "街镇", "食堂编码", "食堂名称", "结算月份", "状态"));
            header.addAll(List.of(StatementExports.LINE_HEADERS));
            row(w, header);
            for (StatementView s : statements) {
                for (StatementView.Line line : s.lines()) {
                    List<String> cells = new ArrayList<>(List.of(text(s.district()), text(s.subdistrict()),
                            text(s.canteenCode()), text(s.canteenName()), month.toString(), s.statusZh(),
                            Integer.toString(line.lineNo()), line.kindZh(), line.mealDate().toString(),
                            text(line.ruleVersion())));
                    cells.addAll(figures(line.figures()));
                    row(w, cells);
                }
            }
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cell of text from the register, made inert for spreadsheets ({@link SpreadsheetText}). */
    public static String text(String cell) {
        return SpreadsheetText.forCsv(cell);
    }

    private static List<String> figures(SettledFigures f) {
        return List.of(Long.toString(f.sales()), Long.toString(f.voids()), Long.toString(f.meals()),
                StatementExports.yuan(f.discountFen()), StatementExports.yuan(f.operatingSubsidyFen()),
                StatementExports.yuan(f.netOwedFen()));
    }

    private static void row(Writer w, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            String c = cells.get(i) == null ? "" : cells.get(i);
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
                w.write('"' + c.replace("\"", "\"\"") + '"');
            } else {
                w.write(c);
            }
        }
        w.write("\r\n");
    }
}
