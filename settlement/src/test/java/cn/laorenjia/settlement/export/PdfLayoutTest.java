package cn.laorenjia.settlement.export;

import cn.laorenjia.settlement.app.TestSettlementConfig;
import cn.laorenjia.settlement.export.service.PdfStatement;
import cn.laorenjia.settlement.settling.service.SettledFigures;
import cn.laorenjia.settlement.statement.service.StatementView;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The statement PDF read back page by page (PDFBox): title, number and "第 i 页 / 共 N 页" on every page, the lines'
 * column header repeated, and the totals with 大写金额 on the same page as the signature and stamp block, for a
 * 30-day month (one page) and for statements long enough to run over several pages.
 */
class PdfLayoutTest {

    @ParameterizedTest(name = "{0} lines")
    @ValueSource(ints = {30, 31, 45, 60, 75, 120})
    void everyPageIsNumberedAndTheTotalsKeepTheSignatureBlock(int lines) throws Exception {
        YearMonth month = YearMonth.of(2026, 11);
        List<StatementView.Line> rows = new ArrayList<>();
        SettledFigures total = SettledFigures.ZERO;
        for (int i = 1; i <= lines; i++) {
            // 150 meals a day: 1,500.00 yuan, so the month runs into tens of thousands (thousands separators)
            SettledFigures day = new SettledFigures(152, 2, 150, 45_000, 30_000, 75_000);
            rows.add(new StatementView.Line(i, "DAY", null, month.atDay(1 + (i - 1) % 30), "tianjin-2024", day));
            total = total.plus(day);
        }
        StatementView s = new StatementView(123, 1, "BD-BP-07", "宝平街道老人家食堂", "宝坻区", "宝平街道", month, "DRAFT",
                List.of("tianjin-2024"), total, SettledFigures.ZERO, total, SettledFigures.ZERO, total, true,
                Instant.parse("2026-12-01T18:00:00Z"), null, null, null, null, rows);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PdfStatement(TestSettlementConfig.defaults()).write(s, out);

        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            int n = doc.getNumberOfPages();
            if (lines <= 30) {
                assertEquals(1, n, "a 30-day month fits one page with its signatures");
            }
            int totalsPage = 0;
            int signPage = 0;
            for (int p = 1; p <= n; p++) {
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                String text = stripper.getText(doc);
                assertTrue(text.contains("第 " + p + " 页 / 共 " + n + " 页"), "page " + p + ":\n" + text);
                assertTrue(text.contains("老人家食堂助餐补贴结算单"), "page " + p + ":\n" + text);
                assertTrue(text.contains("JS202611-000123"), "page " + p + ":\n" + text);
                assertTrue(text.contains("行号") || !text.contains("日结"), "column header repeated on page " + p);
                if (text.contains("应付食堂合计")) {
                    totalsPage = p;
                    String net = s.netOwedGrouped();
                    assertTrue(text.contains("应付食堂合计:" + net + " 元"), text);
                    assertTrue(text.contains("大写金额:人民币" + s.netOwedCapitals()), text);
                }
                if (text.contains("食堂负责人(签字)")) {
                    signPage = p;
                    assertTrue(text.contains("街镇财务审核(签字)"), text);
                }
            }
            assertTrue(totalsPage > 0 && totalsPage == signPage, "totals on page " + totalsPage + ", signatures on " + signPage);
        }
    }
}
