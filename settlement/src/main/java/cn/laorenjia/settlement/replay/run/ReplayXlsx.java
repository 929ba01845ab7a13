package cn.laorenjia.settlement.replay.run;

import cn.laorenjia.core.money.Money;
import cn.laorenjia.settlement.export.service.SpreadsheetText;
import cn.laorenjia.settlement.export.service.XlsxStyles;
import cn.laorenjia.settlement.replay.service.ReplayAreaRow;
import cn.laorenjia.settlement.replay.service.ReplayComparison;
import cn.laorenjia.settlement.replay.service.ReplayFigures;
import cn.laorenjia.settlement.replay.service.ReplayLevel;
import cn.laorenjia.settlement.replay.service.ReplayReport;
import cn.laorenjia.settlement.replay.service.ReplayRouteRow;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A stored replay as an Excel workbook, the way finance's exports are written: 总览 (totals actual against proposed),
 * 区街镇食堂 (every row of the report) and 按资格类型 (by route). Amounts are numeric cells in yuan ({@code #,##0.00},
 * each the exact decimal of its fen), counts whole numbers, dates date cells; differences are proposed minus actual.
 */
public final class ReplayXlsx {

    static final String[] FIGURE_HEADERS = {"实际补贴餐次", "草案补贴餐次", "餐次差额", "实际助餐补贴(元)", "草案助餐补贴(元)",
            "实际运营补贴(元)", "草案运营补贴(元)", "实际合计(元)", "草案合计(元)", "合计差额(元)", "实际惠及老人", "草案惠及老人",
            "惠及老人差额"};
    public static final String UNKNOWABLE = "说明：只能重放到达柜台的识别与交易；从未到达柜台的就餐（例如因不符合条件而未来就餐的老人）无法得知，不在测算之内。";
    public static final String ROUTES_NOTE = "说明：符合多个资格类型的老人在每个类型下都计入，各类型之和可能大于总数。";
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private ReplayXlsx() {
    }

    public static void write(ReplayRunView run, OutputStream out) {
        ReplayReport r = run.report();
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XlsxStyles s = new XlsxStyles(wb);
            Sheet overview = wb.createSheet("总览");
            int i = 0;
            text(overview.createRow(i++), 0, "政策测算：" + r.proposedTitleZh(), s.title, s);
            info(overview.createRow(i++), "测算版本", r.proposedVersionId()
                    + (run.draftRevision() == null ? "（正式版本）" : "（草案第 " + run.draftRevision() + " 版）"), s);
            Row period = overview.createRow(i++);
            text(period, 0, "期间", null, s);
            date(period, 1, r.period().from(), s);
            date(period, 2, r.period().to(), s);
            info(overview.createRow(i++), "测算编号", String.valueOf(run.id()), s);
            info(overview.createRow(i++), "测算人", run.actor(), s);
            info(overview.createRow(i++), "测算时间", AT.format(run.at()), s);
            Row attempts = overview.createRow(i++);
            text(attempts, 0, "重放的识别与交易次数", null, s);
            attempts.createCell(1).setCellValue(r.attemptsReplayed());
            info(overview.createRow(i++), "数据来源", r.ranOnReplica() ? "只读副本" : "主库（只读）", s);
            Row took = overview.createRow(i++);
            text(took, 0, "用时(秒)", null, s);
            took.createCell(1).setCellValue(r.elapsed().toMillis() / 1000.0);
            i++;
            Row head = overview.createRow(i++);
            String[] heads = {"项目", "实际", "按草案", "差额(草案-实际)"};
            for (int c = 0; c < heads.length; c++) {
                text(head, c, heads[c], s.bold, s);
            }
            ReplayFigures a = r.total().actual();
            ReplayFigures p = r.total().proposed();
            countLine(overview.createRow(i++), "补贴餐次", a.meals(), p.meals(), s);
            moneyLine(overview.createRow(i++), "助餐补贴(减免)", a.discounts(), p.discounts(), s);
            moneyLine(overview.createRow(i++), "运营补贴", a.operatingSubsidies(), p.operatingSubsidies(), s);
            moneyLine(overview.createRow(i++), "合计", a.total(), p.total(), s);
            countLine(overview.createRow(i++), "惠及老人数", a.seniorsReached(), p.seniorsReached(), s);
            i++;
            Row newly = overview.createRow(i++);
            text(newly, 0, "新增惠及老人数", null, s);
            newly.createCell(1).setCellValue(r.seniorsNewlyReached());
            Row noLonger = overview.createRow(i++);
            text(noLonger, 0, "不再惠及老人数", null, s);
            noLonger.createCell(1).setCellValue(r.seniorsNoLongerReached());
            i++;
            text(overview.createRow(i), 0, UNKNOWABLE, null, s);
            widths(overview, 4, 22);

            Sheet areas = wb.createSheet("区街镇食堂");
            Row areaHead = areas.createRow(0);
            String[] place = {"层级", "区", "街镇", "编码", "名称"};
            for (int c = 0; c < place.length; c++) {
                text(areaHead, c, place[c], s.bold, s);
            }
            figureHeaders(areaHead, place.length, s);
            int ar = 1;
            for (ReplayAreaRow row : r.areas()) {
                Row x = areas.createRow(ar++);
                text(x, 0, switch (row.level()) {
                    case DISTRICT -> "区";
                    case SUBDISTRICT -> "街镇";
                    case CANTEEN -> "食堂";
                }, null, s);
                text(x, 1, row.district(), null, s);
                text(x, 2, row.subdistrict(), null, s);
                text(x, 3, row.level() == ReplayLevel.CANTEEN ? row.code() : "",
                        null, s);
                text(x, 4, row.nameZh(), null, s);
                figures(x, place.length, row.figures(), s);
            }
            Row areaTotal = areas.createRow(ar);
            text(areaTotal, 0, "合计", s.bold, s);
            figures(areaTotal, place.length, r.total(), s);
            widths(areas, place.length + FIGURE_HEADERS.length, 14);

            Sheet routes = wb.createSheet("按资格类型");
            Row routeHead = routes.createRow(0);
            text(routeHead, 0, "资格类型", s.bold, s);
            figureHeaders(routeHead, 1, s);
            int rr = 1;
            for (ReplayRouteRow row : r.routes()) {
                Row x = routes.createRow(rr++);
                text(x, 0, row.route().labelZh(), null, s);
                figures(x, 1, row.figures(), s);
            }
            rr++;
            text(routes.createRow(rr), 0, ROUTES_NOTE, null, s);
            widths(routes, 1 + FIGURE_HEADERS.length, 14);
            routes.setColumnWidth(0, 40 * 256);
            wb.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void figureHeaders(Row row, int first, XlsxStyles s) {
        for (int c = 0; c < FIGURE_HEADERS.length; c++) {
            text(row, first + c, FIGURE_HEADERS[c], s.bold, s);
        }
    }

    private static void figures(Row row, int first, ReplayComparison f, XlsxStyles s) {
        ReplayFigures a = f.actual();
        ReplayFigures p = f.proposed();
        row.createCell(first).setCellValue(a.meals());
        row.createCell(first + 1).setCellValue(p.meals());
        row.createCell(first + 2).setCellValue(f.mealsDifference());
        yuan(row, first + 3, a.discounts(), s);
        yuan(row, first + 4, p.discounts(), s);
        yuan(row, first + 5, a.operatingSubsidies(), s);
        yuan(row, first + 6, p.operatingSubsidies(), s);
        yuan(row, first + 7, a.total(), s);
        yuan(row, first + 8, p.total(), s);
        yuan(row, first + 9, f.totalDifference(), s);
        row.createCell(first + 10).setCellValue(a.seniorsReached());
        row.createCell(first + 11).setCellValue(p.seniorsReached());
        row.createCell(first + 12).setCellValue(f.seniorsDifference());
    }

    private static void countLine(Row row, String label, long actual, long proposed, XlsxStyles s) {
        text(row, 0, label, null, s);
        row.createCell(1).setCellValue(actual);
        row.createCell(2).setCellValue(proposed);
        row.createCell(3).setCellValue(proposed - actual);
    }

    private static void moneyLine(Row row, String label, Money actual, Money proposed, XlsxStyles s) {
        text(row, 0, label, null, s);
        yuan(row, 1, actual, s);
        yuan(row, 2, proposed, s);
        yuan(row, 3, proposed.minus(actual), s);
    }

    private static void yuan(Row row, int column, Money amount, XlsxStyles s) {
        var cell = row.createCell(column);
        cell.setCellValue(BigDecimal.valueOf(amount.fen(), 2).doubleValue());
        cell.setCellStyle(s.yuan);
    }

    private static void date(Row row, int column, LocalDate value, XlsxStyles s) {
        var cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(s.date);
    }

    private static void info(Row row, String label, String value, XlsxStyles s) {
        text(row, 0, label, null, s);
        text(row, 1, value, null, s);
    }

    /** A text cell; text a spreadsheet would read as a formula is marked as text ({@link SpreadsheetText}). */
    private static void text(Row row, int column, String value, CellStyle style, XlsxStyles s) {
        var cell = row.createCell(column);
        cell.setCellValue(value == null ? "" : value);
        CellStyle shown = SpreadsheetText.readAsFormula(value) ? s.asText(style) : style;
        if (shown != null) {
            cell.setCellStyle(shown);
        }
    }

    private static void widths(Sheet sheet, int columns, int chars) {
        for (int c = 0; c < columns; c++) {
            sheet.setColumnWidth(c, chars * 256);
        }
    }
}
