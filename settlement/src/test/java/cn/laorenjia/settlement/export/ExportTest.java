package cn.laorenjia.settlement.export;

import cn.laorenjia.core.money.Money;
import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.settling.SettlementFixture;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.List;

import static cn.laorenjia.settlement.security.TestApi.as;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every export read back with its own kind of reader, and its figures compared with the ledger to the fen. */
@QuarkusTest
class ExportTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void xlsxCsvAndPdfEqualTheLedgerToTheFen() throws Exception {
        YearMonth month = SettlementFixture.monthsAgo(8);
        SettlementFixture canteen = SettlementFixture.newCanteen("大口屯镇");
        canteen.recordFixtureMonth(month);
        SettlementFixture.settle(month);
        JsonPath statements = as(TestApi.FINANCE).get("/api/settlement/statements?month=" + month).then()
                .statusCode(200).extract().jsonPath();
        long statementId = statements.getLong("find { it.canteenId == " + canteen.canteenId + " }.id");
        as(TestApi.FINANCE).post("/api/settlement/statements/" + statementId + "/confirm").then().statusCode(200);
        long[] ledger = ledger(canteen.canteenId, month); // meals, discount, operating, net (fen)
        assertArrayEquals(new long[] {5, 1500, 1000, 2500}, ledger, "the hand-computed fixture month");

        // XLSX: the canteen's sheet and the 汇总 sheet
        Response xlsx = as(TestApi.FINANCE).get("/api/settlement/exports/" + month + "/statements.xlsx");
        assertEquals(200, xlsx.statusCode());
        assertTrue(xlsx.header("Content-Disposition").contains("filename*=UTF-8''"));
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.asByteArray()))) {
            Sheet summary = wb.getSheet("汇总");
            assertNotNull(summary);
            assertEquals(List.of("区", "街镇", "食堂数", "售出(次)", "撤销(次)", "补贴餐次", "减免金额(元)", "运营补贴(元)",
                    "应付合计(元)"), texts(summary.getRow(1), 9));
            Sheet sheet = null;
            for (int i = 0; i < wb.getNumberOfSheets(); i++) {
                if (wb.getSheetName(i).startsWith(canteen.canteenCode)) {
                    sheet = wb.getSheetAt(i);
                }
            }
            assertNotNull(sheet, "a sheet for the canteen");
            Row total = sheet.getRow(sheet.getLastRowNum());
            assertEquals("合计", total.getCell(0).getStringCellValue());
            assertEquals(ledger[0], (long) total.getCell(6).getNumericCellValue());
            assertEquals(ledger[1], fen(total.getCell(7).getNumericCellValue()));
            assertEquals(ledger[2], fen(total.getCell(8).getNumericCellValue()));
            assertEquals(ledger[3], fen(total.getCell(9).getNumericCellValue()));
            assertEquals("#,##0.00", total.getCell(9).getCellStyle().getDataFormatString());
            // the lines add up to the total, line by line
            long netOfLines = 0;
            int header = 0;
            while (!"行号".equals(sheet.getRow(header).getCell(0).getStringCellValue())) {
                header++; // the info rows above the lines (a confirmed statement has one more: its ledger chain head)
            }
            for (int r = header + 1; r < sheet.getLastRowNum(); r++) {
                netOfLines += fen(sheet.getRow(r).getCell(9).getNumericCellValue());
            }
            assertEquals(ledger[3], netOfLines);
            // the summary's 合计 row equals all statements of the month
            Row summaryTotal = summary.getRow(summary.getLastRowNum());
            assertEquals("合计", summaryTotal.getCell(0).getStringCellValue());
            long allNet = statements.getList("total.netOwedFen", Integer.class).stream().mapToLong(Integer::longValue).sum();
            assertEquals(allNet, fen(summaryTotal.getCell(8).getNumericCellValue()));
        }

        // CSV: UTF-8 with BOM, one row per line
        byte[] csv = as(TestApi.FINANCE).get("/api/settlement/exports/" + month + "/statements.csv").then()
                .statusCode(200).extract().asByteArray();
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, java.util.Arrays.copyOf(csv, 3));
        List<String> lines = new String(csv, StandardCharsets.UTF_8).substring(1).lines().toList();
        assertTrue(lines.get(0).startsWith("区,街镇,食堂编码,食堂名称,结算月份,状态,行号,类型,就餐日期"), lines.get(0));
        long meals = 0;
        long[] amounts = new long[3];
        for (String line : lines) {
            String[] cells = line.split(",");
            if (cells[2].equals(canteen.canteenCode)) {
                assertEquals("已确认", cells[5]);
                meals += Long.parseLong(cells[12]);
                for (int i = 0; i < 3; i++) {
                    amounts[i] += Money.parseYuan(cells[13 + i]).fen();
                }
            }
        }
        assertArrayEquals(ledger, new long[] {meals, amounts[0], amounts[1], amounts[2]});

        // PDF: the Chinese text is really there (embedded font), with the totals, the rule version and the signature space
        byte[] pdf = as(TestApi.FINANCE).get("/api/settlement/exports/statements/" + statementId + ".pdf").then()
                .statusCode(200).contentType("application/pdf").extract().asByteArray();
        try (var doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("老人家食堂助餐补贴结算单"), text);
            assertTrue(text.contains(canteen.canteenCode), text);
            assertTrue(text.contains("应付食堂合计:" + Money.ofFen(ledger[3]).toYuanString() + " 元"), text);
            assertTrue(text.contains("减免 " + Money.ofFen(ledger[1]).toYuanString() + " 元"), text);
            assertTrue(text.contains("补贴餐次 " + ledger[0] + " 次"), text);
            assertTrue(text.contains("台账 " + ledger[0] + " 次 " + Money.ofFen(ledger[3]).toYuanString() + " 元;一致"), text);
            assertTrue(text.contains("已确认"), text);
            assertTrue(text.contains("政策版本:tianjin-2024"), text);
            assertTrue(text.contains("盖章") && text.contains("食堂负责人(签字)"), text);
            // no font configured in the test profile: the one shipped in the module, embedded as a subset
            PdfFontTest.assertEmbeddedSubsetOf("WenQuanYiMicroHei", doc);
        }
        as(TestApi.FINANCE).get("/api/settlement/exports/statements/99999999.pdf").then().statusCode(404);
    }

    private static long fen(double yuan) {
        return BigDecimal.valueOf(yuan).movePointRight(2).longValueExact();
    }

    private static List<String> texts(Row row, int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> row.getCell(i).getStringCellValue()).toList();
    }

    private long[] ledger(long canteenId, YearMonth month) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement("""
                select count(*) filter (where subsidised and entry_type = 'SALE') - count(*) filter (where subsidised and entry_type = 'VOID'),
                       sum(discount_fen), sum(operating_subsidy_fen), sum(discount_fen + operating_subsidy_fen)
                from meal_entry where canteen_id = ? and meal_date between ? and ?""")) {
            p.setLong(1, canteenId);
            p.setObject(2, month.atDay(1));
            p.setObject(3, month.atEndOfMonth());
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
            }
        }
    }
}
