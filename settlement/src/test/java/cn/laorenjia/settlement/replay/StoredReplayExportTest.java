package cn.laorenjia.settlement.replay;

import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.policy.EligibilityRoute;
import cn.laorenjia.settlement.replay.run.ReplayRunView;
import cn.laorenjia.settlement.replay.run.ReplayRuns;
import cn.laorenjia.settlement.replay.service.ReplayAreaRow;
import cn.laorenjia.settlement.replay.service.ReplayComparison;
import cn.laorenjia.settlement.replay.service.ReplayFigures;
import cn.laorenjia.settlement.replay.service.ReplayLevel;
import cn.laorenjia.settlement.replay.service.ReplayPeriod;
import cn.laorenjia.settlement.replay.service.ReplayReport;
import cn.laorenjia.settlement.replay.service.ReplayRouteRow;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.FINANCE;
import static cn.laorenjia.settlement.security.TestApi.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stored replay read back without running it again: the report kept to the fen in PostgreSQL, its page with
 * thousands separators and signed differences, its XLSX read back with Apache POI (numbers, formats, date cells,
 * the three sheets). The report is built here from the report records: the engine's own tests prove its figures.
 */
@QuarkusTest
class StoredReplayExportTest {

    @Inject
    ReplayRuns runs;

    @Inject
    AgroalDataSource dataSource;

    private static ReplayComparison comparison(long meals, long actualDiscountFen, long proposedDiscountFen,
                                               long seniors, long proposedSeniors) {
        return new ReplayComparison(
                new ReplayFigures(meals, Money.ofFen(actualDiscountFen), Money.ofFen(meals * 200), seniors),
                new ReplayFigures(meals, Money.ofFen(proposedDiscountFen), Money.ofFen(meals * 200), proposedSeniors));
    }

    static ReplayReport report() {
        // 12,345 meals: 3 yuan off actually, 4 yuan under the draft
        ReplayComparison total = comparison(12_345, 3_703_500, 4_938_000, 2_100, 2_100);
        ReplayComparison canteenA = comparison(12_000, 3_600_000, 4_800_000, 2_000, 2_000);
        ReplayComparison canteenB = comparison(345, 103_500, 138_000, 100, 100);
        List<ReplayAreaRow> areas = List.of(
                new ReplayAreaRow(ReplayLevel.DISTRICT, "宝坻区", "宝坻区", "宝坻区", null, total),
                new ReplayAreaRow(ReplayLevel.SUBDISTRICT, "宝平街道", "宝平街道", "宝坻区", "宝平街道", canteenA),
                new ReplayAreaRow(ReplayLevel.CANTEEN, "BD-BP-T01", "宝平老人家食堂", "宝坻区", "宝平街道", canteenA),
                new ReplayAreaRow(ReplayLevel.SUBDISTRICT, "海滨街道", "海滨街道", "宝坻区", "海滨街道", canteenB),
                new ReplayAreaRow(ReplayLevel.CANTEEN, "=BD-HB-T02", "=海滨食堂", "宝坻区", "海滨街道", canteenB));
        List<ReplayRouteRow> routes = List.of(new ReplayRouteRow(EligibilityRoute.AGE_80_LOCAL, total));
        return new ReplayReport(new ReplayPeriod(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 9, 30)),
                "tianjin-2026-4yuan", "四元减免草案", 61_234, total, areas, routes, 7, 3, false,
                Instant.parse("2026-10-08T02:00:00Z"), Duration.ofMillis(12_345));
    }

    @Test
    void aStoredReportReadsBackToTheFenAndIsAudited() {
        ReplayRunView stored = runs.store(report(), ReplayRunView.CATALOGUE, null);
        ReplayRunView back = runs.find(stored.id());
        assertEquals(report(), back.report());
        assertEquals(1, count("select count(*) from audit_event where action = 'POLICY_REPLAY_RUN'"
                + " and subject_kind = 'policy-replay' and subject_id = '" + stored.id() + "'"
                + " and details->>'versionId' = 'tianjin-2026-4yuan' and (details->>'attempts')::int = 61234"));
        as(ADMIN).get("/api/replay/runs/" + stored.id()).then().statusCode(200)
                .body("report.total.proposed.discounts", equalTo(4_938_000))
                .body("report.seniorsNewlyReached", equalTo(7));
        as(ADMIN).get("/api/replay/runs/999999999").then().statusCode(404).body("code", equalTo("UNKNOWN_REPLAY_RUN"));
        as(FINANCE).get("/api/replay/runs/" + stored.id()).then().statusCode(403);
        as(FINANCE).get("/api/replay/runs/" + stored.id() + "/comparison.xlsx").then().statusCode(403);
    }

    @Test
    void theComparisonDownloadsAsAWorkbookWithTheRightNumbers() throws Exception {
        ReplayRunView stored = runs.store(report(), ReplayRunView.CATALOGUE, null);
        byte[] xlsx = as(ADMIN).get("/api/replay/runs/" + stored.id() + "/comparison.xlsx").then().statusCode(200)
                .header("Content-Disposition", containsString("filename*=UTF-8''"))
                .extract().asByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertEquals(List.of("总览", "区街镇食堂", "按资格类型"),
                    List.of(wb.getSheetName(0), wb.getSheetName(1), wb.getSheetName(2)));
            Sheet overview = wb.getSheet("总览");
            Row period = row(overview, "期间");
            assertTrue(DateUtil.isCellDateFormatted(period.getCell(1)), "the period's dates are date cells");
            assertEquals(LocalDate.of(2026, 7, 1), period.getCell(1).getLocalDateTimeCellValue().toLocalDate());
            assertEquals(LocalDate.of(2026, 9, 30), period.getCell(2).getLocalDateTimeCellValue().toLocalDate());
            Row discounts = row(overview, "助餐补贴(减免)");
            assertEquals(37_035.00, discounts.getCell(1).getNumericCellValue(), 0.0);
            assertEquals(49_380.00, discounts.getCell(2).getNumericCellValue(), 0.0);
            assertEquals(12_345.00, discounts.getCell(3).getNumericCellValue(), 0.0);
            assertEquals("#,##0.00", discounts.getCell(2).getCellStyle().getDataFormatString());
            Row total = row(overview, "合计");
            assertEquals(37_035.00 + 24_690.00, total.getCell(1).getNumericCellValue(), 0.0);
            assertEquals(49_380.00 + 24_690.00, total.getCell(2).getNumericCellValue(), 0.0);
            assertEquals(12_345, (long) row(overview, "补贴餐次").getCell(2).getNumericCellValue());
            assertEquals(7, (long) row(overview, "新增惠及老人数").getCell(1).getNumericCellValue());
            assertEquals(3, (long) row(overview, "不再惠及老人数").getCell(1).getNumericCellValue());
            assertTrue(text(overview).contains("无法得知"), "the note on attempts that never reached the counter");

            Sheet areas = wb.getSheet("区街镇食堂");
            assertEquals("实际补贴餐次", areas.getRow(0).getCell(5).getStringCellValue());
            Row canteen = areas.getRow(3);
            assertEquals("食堂", canteen.getCell(0).getStringCellValue());
            assertEquals("BD-BP-T01", canteen.getCell(3).getStringCellValue());
            assertEquals(12_000, (long) canteen.getCell(5).getNumericCellValue());
            assertEquals(48_000.00 + 24_000.00, canteen.getCell(13).getNumericCellValue(), 0.0);
            assertEquals(12_000.00, canteen.getCell(14).getNumericCellValue(), 0.0);
            Row formulaLike = areas.getRow(5);
            assertEquals(CellType.STRING, formulaLike.getCell(4).getCellType());
            assertTrue(formulaLike.getCell(4).getCellStyle().getQuotePrefixed(), "a name like a formula stays text");
            Row areaTotal = areas.getRow(6);
            assertEquals("合计", areaTotal.getCell(0).getStringCellValue());
            assertEquals(12_345.00, areaTotal.getCell(14).getNumericCellValue(), 0.0);

            Sheet routes = wb.getSheet("按资格类型");
            assertEquals(EligibilityRoute.AGE_80_LOCAL.labelZh(), routes.getRow(1).getCell(0).getStringCellValue());
            assertEquals(49_380.00, routes.getRow(1).getCell(5).getNumericCellValue(), 0.0);
        }
    }

    @Test
    void theRunPageShowsGroupedFiguresAndSignedDifferences() {
        ReplayRunView stored = runs.store(report(), ReplayRunView.CATALOGUE, null);
        String html = as(ADMIN).accept("text/html").get("/replay/runs/" + stored.id()).then().statusCode(200)
                .extract().asString();
        assertTrue(html.contains("49,380.00"), "thousands separators");
        assertTrue(html.contains("+12,345.00"), "a signed difference");
        assertTrue(html.contains("61,234 次"), "attempts replayed");
        assertTrue(html.contains("无法得知"), "what cannot be known");
        assertTrue(html.contains("主库（只读"), "where it ran");
        assertTrue(html.contains("12.3 秒"), "how long it took");
        assertTrue(html.contains("&#61;海滨食堂") || html.contains("=海滨食堂"));
        as(FINANCE).accept("text/html").get("/replay/runs/" + stored.id()).then().statusCode(403);
        as(ADMIN).accept("text/html").get("/replay").then().statusCode(200)
                .body(containsString("tianjin-2022")).body(containsString("/replay/runs/" + stored.id()));
        // a catalogue version's file as the start of a draft, under an id of its own
        as(ADMIN).accept("text/html").get("/replay?template=tianjin-2022").then().statusCode(200)
                .body(containsString("id: tianjin-2022-draft")).body(containsString("subsidy_per_meal: 3.00"));
    }

    private static Row row(Sheet sheet, String label) {
        for (Row r : sheet) {
            Cell c = r.getCell(0);
            if (c != null && c.getCellType() == CellType.STRING && c.getStringCellValue().equals(label)) {
                return r;
            }
        }
        throw new AssertionError("no row " + label);
    }

    private static String text(Sheet sheet) {
        StringBuilder out = new StringBuilder();
        for (Row r : sheet) {
            for (Cell c : r) {
                if (c.getCellType() == CellType.STRING) {
                    out.append(c.getStringCellValue()).append('\n');
                }
            }
        }
        return out.toString();
    }

    private long count(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
