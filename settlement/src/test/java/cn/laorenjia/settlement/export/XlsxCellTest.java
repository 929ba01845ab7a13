package cn.laorenjia.settlement.export;

import cn.laorenjia.settlement.export.service.CsvExport;
import cn.laorenjia.settlement.export.service.XlsxExport;
import cn.laorenjia.settlement.settling.service.SettledFigures;
import cn.laorenjia.settlement.statement.service.StatementView;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Register text that a spreadsheet would take for a formula stays text in the XLSX export as in the CSV: the
 * workbook is written by the export and read back with Apache POI (and its XML looked at), the CSV parsed back.
 */
class XlsxCellTest {

    private static final String HYPERLINK = "=HYPERLINK(\"http://evil\",\"x\")";
    private static final YearMonth MONTH = YearMonth.of(2026, 3);
    /** The attribute of a cell format (xsd:boolean: POI may write "true" where Excel writes "1"). */
    private static final java.util.regex.Pattern QUOTE_PREFIX = java.util.regex.Pattern.compile("quotePrefix=\"(1|true)\"");

    @Test
    void aCanteenNamedLikeAFormulaIsTextInTheWorkbook() throws Exception {
        byte[] xlsx = xlsx(statement(HYPERLINK, "+86宝坻区", "@海滨街道", "-2026.03"));
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = wb.getSheetAt(1);
            assertTrue(wb.getSheetName(1).startsWith("BD-HB-01"), wb.getSheetName(1));
            XSSFCell title = (XSSFCell) sheet.getRow(0).getCell(0);
            assertText(title, HYPERLINK + " 结算单");
            // still the title's look: the quote prefix is added to its style, not put in its place
            assertTrue(title.getCellStyle().getFont().getBold());
            assertEquals(14, title.getCellStyle().getFont().getFontHeightInPoints());
            assertText((XSSFCell) sheet.getRow(2).getCell(1), "+86宝坻区 / @海滨街道");
            XSSFCell ruleVersion = (XSSFCell) findRow(sheet, "1").getCell(3);
            assertText(ruleVersion, "-2026.03");
            // the summary sheet: district and subdistrict cells
            Sheet summary = wb.getSheet("汇总");
            assertText((XSSFCell) summary.getRow(2).getCell(0), "+86宝坻区");
            assertText((XSSFCell) summary.getRow(2).getCell(1), "@海滨街道");
            // ordinary text keeps its plain style, and the figures stay numbers
            XSSFCell label = (XSSFCell) sheet.getRow(1).getCell(0);
            assertEquals("食堂编码", label.getStringCellValue());
            assertFalse(label.getCellStyle().getQuotePrefixed());
            assertFalse(((XSSFCell) sheet.getRow(1).getCell(1)).getCellStyle().getQuotePrefixed(), "BD-HB-01 is a plain cell");
            assertEquals(CellType.NUMERIC, findRow(sheet, "1").getCell(9).getCellType());
            assertEquals(-12.5, findRow(sheet, "1").getCell(9).getNumericCellValue());
        }
        // in the file itself: no formula anywhere, the quote prefix in the styles
        String sheetXml = entry(xlsx, "xl/worksheets/sheet2.xml");
        assertFalse(sheetXml.contains("<f>") || sheetXml.contains("<f "), "no formula element");
        assertTrue(QUOTE_PREFIX.matcher(entry(xlsx, "xl/styles.xml")).find(), "a quote-prefixed style");
    }

    @Test
    void withoutSuchTextNoCellIsMarked() throws Exception {
        byte[] xlsx = xlsx(statement("海滨街道老人家食堂", "宝坻区", "海滨街道", "tianjin-2026.01"));
        assertFalse(QUOTE_PREFIX.matcher(entry(xlsx, "xl/styles.xml")).find());
    }

    @Test
    void theCsvOfTheSameStatementPrefixesAnApostrophe() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvExport.write(MONTH, List.of(statement(HYPERLINK, "+86宝坻区", "@海滨街道", "-2026.03")), out);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\r\n");
        // 区,街镇,食堂编码,食堂名称,...: the name is quoted for its quotes and comma, and begins with the apostrophe
        assertTrue(lines[1].startsWith("'+86宝坻区,'@海滨街道,BD-HB-01,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\","),
                lines[1]);
        assertTrue(lines[1].contains(",'-2026.03,"), lines[1]);
        assertTrue(lines[1].endsWith(",-12.50"), "a negative figure stays a number: " + lines[1]);
    }

    private static void assertText(XSSFCell cell, String text) {
        assertNotNull(cell);
        assertEquals(CellType.STRING, cell.getCellType());
        assertEquals(text, cell.getStringCellValue(), "the text as it is, no apostrophe added");
        assertTrue(cell.getCellStyle().getQuotePrefixed(), "quote-prefixed: " + text);
    }

    /** Meal dates are date cells with a date format (sortable, filterable), money numbers with a thousands format. */
    @Test
    void datesAreDateCellsAndMoneyIsNumbersWithThousands() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx(statement("宝平街道老人家食堂", "宝坻区",
                "宝平街道", "tianjin-2024"))))) {
            var line = findRow(wb.getSheetAt(1), "1");
            Cell date = line.getCell(2);
            assertEquals(CellType.NUMERIC, date.getCellType());
            assertTrue(org.apache.poi.ss.usermodel.DateUtil.isCellDateFormatted(date));
            assertEquals(LocalDate.of(2026, 3, 2), date.getLocalDateTimeCellValue().toLocalDate());
            assertEquals("yyyy-mm-dd", date.getCellStyle().getDataFormatString());
            Cell net = line.getCell(9);
            assertEquals(CellType.NUMERIC, net.getCellType());
            assertEquals(-12.50, net.getNumericCellValue(), 0.0);
            assertEquals("#,##0.00", net.getCellStyle().getDataFormatString());
        }
    }

    private static org.apache.poi.ss.usermodel.Row findRow(Sheet sheet, String lineNo) {
        for (var row : sheet) {
            Cell first = row.getCell(0);
            if (first != null && first.getCellType() == CellType.NUMERIC && Integer.toString((int) first.getNumericCellValue()).equals(lineNo)) {
                return row;
            }
        }
        throw new AssertionError("no line " + lineNo);
    }

    private static StatementView statement(String name, String district, String subdistrict, String ruleVersion) {
        SettledFigures figures = new SettledFigures(1, 0, 1, 500, -1750, -1250);
        return new StatementView(1, 1, "BD-HB-01", name, district, subdistrict, MONTH, "DRAFT", List.of(ruleVersion),
                figures, SettledFigures.ZERO, figures, SettledFigures.ZERO, figures, true, Instant.parse("2026-04-01T00:00:00Z"),
                null, null, null, null,
                List.of(new StatementView.Line(1, "DAY", null, LocalDate.of(2026, 3, 2), ruleVersion, figures)));
    }

    private static byte[] xlsx(StatementView statement) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxExport.write(MONTH, List.of(statement), out);
        return out.toByteArray();
    }

    private static String entry(byte[] zip, String name) throws Exception {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals(name)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no " + name + " in the workbook");
    }
}
