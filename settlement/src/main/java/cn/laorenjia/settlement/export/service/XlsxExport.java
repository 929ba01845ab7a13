package cn.laorenjia.settlement.export.service;

import cn.laorenjia.settlement.settling.service.SettledFigures;
import cn.laorenjia.settlement.statement.service.StatementView;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The month as an Excel workbook: a summary sheet per 街镇 (汇总), then one sheet per canteen with its
 * statement lines. Amounts are numeric cells in yuan with two decimals, each the exact decimal of its fen
 * (fen / 100 has at most two decimals, which a double holds to the fen), so finance can sum them in Excel.
 */
public final class XlsxExport {

    private XlsxExport() {
    }

    public static void write(YearMonth month, List<StatementView> statements, OutputStream out) {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XlsxStyles styles = new XlsxStyles(wb);
            Sheet summary = wb.createSheet("汇总");
            int r = 0;
            cell(summary.createRow(r++), 0, StatementExports.title(month) + " 汇总(按街镇)", styles.title, styles);
            header(summary.createRow(r++), StatementExports.SUMMARY_HEADERS, styles);
            for (StatementExports.Subdistrict s : StatementExports.bySubdistrict(statements)) {
                Row row = summary.createRow(r++);
                cell(row, 0, s.district(), null, styles);
                cell(row, 1, s.subdistrict(), null, styles);
                row.createCell(2).setCellValue(s.canteens());
                figures(row, 3, s.total(), styles);
            }
            Row total = summary.createRow(r);
            cell(total, 0, "合计", styles.bold, styles);
            total.createCell(2).setCellValue(statements.size());
            figures(total, 3, StatementExports.total(statements), styles);
            widths(summary, StatementExports.SUMMARY_HEADERS.length);

            Set<String> names = new HashSet<>();
            for (StatementView s : statements) {
                Sheet sheet = wb.createSheet(sheetName(s, names));
                int i = 0;
                cell(sheet.createRow(i++), 0, s.canteenName() + " 结算单", styles.title, styles);
                info(sheet.createRow(i++), "食堂编码", s.canteenCode(), styles);
                info(sheet.createRow(i++), "区 / 街镇", s.district() + " / " + s.subdistrict(), styles);
                info(sheet.createRow(i++), "结算月份", StatementExports.monthZh(month), styles);
                info(sheet.createRow(i++), "状态", s.statusZh() + (s.confirmed() ? "(" + s.confirmedByName() + ")" : ""), styles);
                info(sheet.createRow(i++), "结算单号", s.number(), styles);
                info(sheet.createRow(i++), "政策版本", String.join(", ", s.ruleVersions()), styles);
                if (s.chainHead() != null) {
                    info(sheet.createRow(i++), StatementExports.CHAIN_HEAD_LABEL, s.chainHead(), styles);
                }
                header(sheet.createRow(i++), StatementExports.LINE_HEADERS, styles);
                for (StatementView.Line line : s.lines()) {
                    Row row = sheet.createRow(i++);
                    row.createCell(0).setCellValue(line.lineNo());
                    cell(row, 1, line.kindZh(), null, styles);
                    // a real date cell, so a spreadsheet sorts and filters it as a date
                    var date = row.createCell(2);
                    date.setCellValue(line.mealDate());
                    date.setCellStyle(styles.date);
                    cell(row, 3, line.ruleVersion(), null, styles);
                    figures(row, 4, line.figures(), styles);
                }
                Row sum = sheet.createRow(i);
                cell(sum, 0, "合计", styles.bold, styles);
                figures(sum, 4, s.total(), styles);
                widths(sheet, StatementExports.LINE_HEADERS.length);
            }
            wb.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sheet names: at most 31 characters, no []:*?/\, unique; the canteen code first keeps them unique. */
    static String sheetName(StatementView s, Set<String> taken) {
        String base = WorkbookUtil.createSafeSheetName(s.canteenCode() + " " + s.canteenName());
        String name = base;
        for (int n = 2; !taken.add(name); n++) {
            String suffix = "~" + n;
            name = base.substring(0, Math.min(base.length(), 31 - suffix.length())) + suffix;
        }
        return name;
    }

    private static void figures(Row row, int first, SettledFigures f, XlsxStyles styles) {
        row.createCell(first).setCellValue(f.sales());
        row.createCell(first + 1).setCellValue(f.voids());
        row.createCell(first + 2).setCellValue(f.meals());
        yuan(row, first + 3, f.discountFen(), styles);
        yuan(row, first + 4, f.operatingSubsidyFen(), styles);
        yuan(row, first + 5, f.netOwedFen(), styles);
    }

    private static void yuan(Row row, int column, long fen, XlsxStyles styles) {
        var cell = row.createCell(column);
        cell.setCellValue(BigDecimal.valueOf(fen, 2).doubleValue());
        cell.setCellStyle(styles.yuan);
    }

    private static void info(Row row, String label, String value, XlsxStyles styles) {
        cell(row, 0, label, null, styles);
        cell(row, 1, value, null, styles);
    }

    private static void header(Row row, String[] headers, XlsxStyles styles) {
        for (int i = 0; i < headers.length; i++) {
            cell(row, i, headers[i], styles.bold, styles);
        }
    }

    /** A text cell; text a spreadsheet would read as a formula gets the quote-prefix style ({@link SpreadsheetText}). */
    private static void cell(Row row, int column, String value, CellStyle style, XlsxStyles styles) {
        var cell = row.createCell(column);
        cell.setCellValue(value);
        CellStyle shown = SpreadsheetText.readAsFormula(value) ? styles.asText(style) : style;
        if (shown != null) {
            cell.setCellStyle(shown);
        }
    }

    private static void widths(Sheet sheet, int columns) {
        for (int i = 0; i < columns; i++) {
            sheet.setColumnWidth(i, 14 * 256);
        }
    }
}
