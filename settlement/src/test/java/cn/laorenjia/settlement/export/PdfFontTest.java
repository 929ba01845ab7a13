package cn.laorenjia.settlement.export;

import cn.laorenjia.settlement.app.SettlementConfig;
import cn.laorenjia.settlement.app.TestSettlementConfig;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.export.service.PdfStatement;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A PDF needs a font with Chinese glyphs: a missing one is a clear Chinese refusal, never a PDF of boxes. */
class PdfFontTest {

    @Test
    void aConfiguredFontThatIsNotThereIsRefusedInChinese() {
        PdfStatement pdf = new PdfStatement(config(Optional.of("/nonexistent/fonts/wqy-microhei.ttc,0")));
        ApiException e = assertThrows(ApiException.class, pdf::font);
        assertEquals("PDF_FONT_MISSING", e.code());
        assertEquals(503, e.status());
        assertTrue(e.messageZh().contains("找不到配置的中文字体文件") && e.messageZh().contains("fonts-wqy-microhei"),
                e.messageZh());
    }

    @Test
    void aConfiguredFontThatIsThereIsUsedAsGiven() throws Exception {
        java.nio.file.Path font = java.nio.file.Files.createTempFile("font", ".ttf");
        try {
            assertEquals(font + ",0", new PdfStatement(config(Optional.of(font + ",0"))).font());
        } finally {
            java.nio.file.Files.delete(font);
        }
    }

    private static SettlementConfig config(Optional<String> font) {
        return TestSettlementConfig.defaults().withCjkFont(font);
    }
}
