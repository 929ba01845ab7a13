package cn.laorenjia.settlement.export;

import cn.laorenjia.settlement.app.TestSettlementConfig;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCatalogue;
import cn.laorenjia.settlement.export.service.PdfStatement;
import cn.laorenjia.settlement.settling.service.SettledFigures;
import cn.laorenjia.settlement.statement.service.StatementView;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PDF's Chinese font: the one shipped in the module unless another is configured, embedded as a subset,
 * so statements print on a machine with only a JDK; a clear Chinese refusal only if even the shipped one fails.
 */
class PdfFontTest {

    private static final String SHIPPED = "classpath:fonts/wqy-microhei.ttc,0";

    @Test
    void withoutAConfiguredFontTheShippedOneIsEmbeddedAndTheChineseTextReadsBack() throws Exception {
        PdfStatement pdf = new PdfStatement(TestSettlementConfig.defaults());
        assertEquals(SHIPPED, pdf.font());
        try (PDDocument doc = Loader.loadPDF(render(pdf))) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("老人家食堂助餐补贴结算单"), text);
            assertTrue(text.contains("海滨街道老人家食堂(东区)"), text);
            assertTrue(text.contains("应付食堂合计:25.00 元(减免 15.00 元 + 运营补贴 10.00 元),补贴餐次 5 次"), text);
            assertTrue(text.contains("tianjin-2024"), text);
            assertTrue(text.contains("食堂负责人(签字)"), text);
            assertEmbeddedSubsetOf("WenQuanYiMicroHei", doc);
        }
    }

    @Test
    void aConfiguredFontIsUsedInsteadOfTheShippedOne() throws Exception {
        // the shipped file's second face (the monospaced one) stands for "another font" on any machine
        Path font = Files.createTempFile("other-font", ".ttc");
        try (InputStream in = PdfStatement.class.getClassLoader().getResourceAsStream("fonts/wqy-microhei.ttc")) {
            Files.write(font, in.readAllBytes());
            PdfStatement pdf = new PdfStatement(TestSettlementConfig.defaults().withCjkFont(Optional.of(font + ",1")));
            assertEquals(font + ",1", pdf.font());
            try (PDDocument doc = Loader.loadPDF(render(pdf))) {
                assertTrue(new PDFTextStripper().getText(doc).contains("老人家食堂助餐补贴结算单"));
                assertEmbeddedSubsetOf("WenQuanYiMicroHeiMono", doc);
            }
        } finally {
            Files.delete(font);
        }
    }

    @Test
    void aConfiguredFontThatCannotBeLoadedFallsBackToTheShippedOne() throws Exception {
        PdfStatement missing = new PdfStatement(TestSettlementConfig.defaults()
                .withCjkFont(Optional.of("/nonexistent/fonts/wqy-microhei.ttc,0")));
        assertEquals(SHIPPED, missing.font());
        Path notAFont = Files.createTempFile("not-a-font", ".ttf");
        try {
            Files.writeString(notAFont, "这不是字体文件");
            PdfStatement broken = new PdfStatement(TestSettlementConfig.defaults()
                    .withCjkFont(Optional.of(notAFont.toString())));
            assertEquals(SHIPPED, broken.font());
            try (PDDocument doc = Loader.loadPDF(render(broken))) {
                assertEmbeddedSubsetOf("WenQuanYiMicroHei", doc);
            }
        } finally {
            Files.delete(notAFont);
        }
    }

    @Test
    void whenEvenTheShippedFontCannotBeReadThePdfIsRefusedInChinese() {
        PdfStatement pdf = new PdfStatement(TestSettlementConfig.defaults(), "fonts/no-such-font.ttc");
        ApiException e = assertThrows(ApiException.class, pdf::font);
        assertEquals("PDF_FONT_MISSING", e.code());
        assertEquals(503, ErrorCatalogue.status(e.code()).getAsInt());
        assertTrue(e.messageZh().contains("内置中文字体") && e.messageZh().contains("laorenjia.exports.cjk-font"),
                e.messageZh());
        assertThrows(ApiException.class, () -> render(pdf));
    }

    /** Every font of the first page is a Type 0 font whose glyphs are embedded (FontFile2) as a named subset. */
    static void assertEmbeddedSubsetOf(String postScriptName, PDDocument doc) throws Exception {
        PDResources resources = doc.getPage(0).getResources();
        List<String> names = new ArrayList<>();
        for (COSName name : resources.getFontNames()) {
            PDFont font = resources.getFont(name);
            assertTrue(font instanceof PDType0Font, font.getName() + " should be a Type 0 (CID) font");
            var descriptor = ((PDType0Font) font).getDescendantFont().getFontDescriptor();
            assertNotNull(descriptor.getFontFile2(), font.getName() + " should be embedded");
            names.add(font.getName());
        }
        assertTrue(!names.isEmpty(), "the page uses a font");
        // a subset's name is six capital letters, "+", then the face's PostScript name
        assertTrue(names.stream().allMatch(n -> n.matches("[A-Z]{6}\\+" + postScriptName)), names.toString());
    }

    private static byte[] render(PdfStatement pdf) {
        YearMonth month = YearMonth.of(2026, 10);
        SettledFigures day = new SettledFigures(2, 0, 2, 600, 400, 1000);
        SettledFigures rest = new SettledFigures(4, 1, 3, 900, 600, 1500);
        SettledFigures total = day.plus(rest);
        StatementView s = new StatementView(7, 1, "BD-HB-01", "海滨街道老人家食堂(东区)", "宝坻区", "海滨街道", month,
                "DRAFT", List.of("tianjin-2024"), total, SettledFigures.ZERO, total, SettledFigures.ZERO, total, true,
                Instant.parse("2026-11-01T18:00:00Z"), null, null, null, null,
                List.of(new StatementView.Line(1, "DAY", null, LocalDate.of(2026, 10, 3), "tianjin-2024", day),
                        new StatementView.Line(2, "DAY", null, LocalDate.of(2026, 10, 4), "tianjin-2024", rest)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pdf.write(s, out);
        return out.toByteArray();
    }
}
