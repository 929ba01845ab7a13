package cn.laorenjia.settlement.register.importing;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The workbooks an import hands out: the result file (every row as it came, with its outcome and problems) and the
 * empty templates. Every cell is text, so an ID number stays 18 characters in Excel rather than becoming 1.2E+17; a
 * text a spreadsheet would take for a formula gets the quote-prefix style (as the finance exports do). Written as a
 * stream (SXSSF): 100,000 rows never sit in memory as a workbook.
 */
final class ImportWorkbooks {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private ImportWorkbooks() {
    }

    static byte[] result(CheckedFile checked, boolean applied) {
        SXSSFWorkbook wb = new SXSSFWorkbook(200);
        try {
            wb.setCompressTempFiles(false);
            Styles styles = new Styles(wb);
            Sheet sheet = wb.createSheet("导入结果");
            List<String> header = new ArrayList<>(checked.table().header());
            int width = header.size();
            Row h = sheet.createRow(0);
            for (int i = 0; i < width; i++) {
                text(h, i, header.get(i), styles, true);
            }
            text(h, width, "行号", styles, true);
            text(h, width + 1, "结果", styles, true);
            text(h, width + 2, "问题", styles, true);
            int r = 1;
            for (CheckedFile.RowResult result : checked.results()) {
                Row row = sheet.createRow(r++);
                List<String> raw = result.row().raw();
                for (int i = 0; i < raw.size(); i++) {
                    text(row, i, raw.get(i), styles, false);
                }
                row.createCell(width).setCellValue(result.row().number());
                text(row, width + 1, result.outcome().labelZh(applied), styles, false);
                text(row, width + 2, result.problems().stream()
                        .map(p -> (p.column() == null ? "" : "【" + p.column() + "】") + p.message() + "（" + p.code() + "）")
                        .collect(Collectors.joining("；")), styles, false);
            }
            return bytes(wb);
        } finally {
            close(wb);
        }
    }

    /** An empty template: the headers (required ones marked *), and a second sheet that says what goes where. */
    static byte[] template(ImportKind kind) {
        SXSSFWorkbook wb = new SXSSFWorkbook(50);
        try {
            Styles styles = new Styles(wb);
            Sheet sheet = wb.createSheet(kind.labelZh());
            Sheet help = wb.createSheet("填写说明");
            Row h = sheet.createRow(0);
            Row hh = help.createRow(0);
            text(hh, 0, "列名", styles, true);
            text(hh, 1, "必填", styles, true);
            text(hh, 2, "说明", styles, true);
            int i = 0;
            for (Column c : Column.of(kind)) {
                text(h, i, c.header() + (c.required() ? "*" : ""), styles, true);
                sheet.setDefaultColumnStyle(i, styles.text);
                sheet.setColumnWidth(i, 18 * 256);
                Row row = help.createRow(++i);
                text(row, 0, c.header(), styles, false);
                text(row, 1, c.required() ? "是" : "否", styles, false);
                text(row, 2, c.hintZh(), styles, false);
            }
            help.setColumnWidth(2, 80 * 256);
            return bytes(wb);
        } finally {
            close(wb);
        }
    }

    /** The CSV template: the header line, UTF-8 with a BOM (so that Excel opens it in Chinese). */
    static byte[] csvTemplate(ImportKind kind) {
        return ("\uFEFF" + Column.of(kind).stream().map(Column::header).collect(Collectors.joining(",")) + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void text(Row row, int column, String value, Styles styles, boolean header) {
        var cell = row.createCell(column);
        cell.setCellValue(value == null ? "" : value);
        cell.setCellStyle(header ? styles.header
                : cn.laorenjia.settlement.export.service.SpreadsheetText.readAsFormula(value) ? styles.quoted : styles.text);
    }

    private static final class Styles {
        final CellStyle header;
        final CellStyle text;
        final CellStyle quoted;

        Styles(SXSSFWorkbook wb) {
            short textFormat = wb.createDataFormat().getFormat("@");
            text = wb.createCellStyle();
            text.setDataFormat(textFormat);
            quoted = wb.createCellStyle();
            quoted.setDataFormat(textFormat);
            quoted.setQuotePrefixed(true);
            header = wb.createCellStyle();
            header.setDataFormat(textFormat);
            Font bold = wb.createFont();
            bold.setBold(true);
            header.setFont(bold);
        }
    }

    /** Closing removes the temporary files SXSSF wrote its rows to. */
    private static void close(SXSSFWorkbook wb) {
        try {
            wb.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(SXSSFWorkbook wb) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
