package cn.laorenjia.settlement.export.service;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.settlement.app.SettlementConfig;
import cn.laorenjia.settlement.settling.service.SettledFigures;
import cn.laorenjia.settlement.settling.service.SettlementError;
import cn.laorenjia.settlement.statement.service.StatementView;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A printable statement of one canteen and month (A4): who, which month, status and rule versions, the lines,
 * the totals, the check against the ledger, and space for the canteen's and the 街镇 finance office's
 * signatures and stamps. The Chinese font is embedded as a subset (only the glyphs used), so the PDF prints
 * the same anywhere.
 *
 * <p>The font: {@code laorenjia.exports.cjk-font} if set, otherwise Debian's WenQuanYi Micro Hei
 * ({@code fonts-wqy-microhei}, Apache 2.0 / GPL with font exception: embedding allowed) or Noto Sans CJK
 * (SIL OFL). No font with Chinese glyphs is published on Maven Central in a form OpenPDF can embed, so the
 * service answers a clear Chinese error (503 PDF_FONT_MISSING) when none is installed.
 */
@ApplicationScoped
public class PdfStatement {

    static final List<String> CANDIDATES = List.of(
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc,0",
            "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc,0",
            "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc,2",
            "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc,2");

    private final Optional<String> configured;

    public PdfStatement(SettlementConfig config) {
        this.configured = config.exports().cjkFont();
    }

    /** The font to embed as "path[,index]", or the PDF_FONT_MISSING refusal. */
    public String font() {
        if (configured.isPresent() && !configured.get().isBlank()) {
            String spec = configured.get().trim();
            if (!Files.isReadable(Path.of(spec.replaceFirst(",\\d+$", "")))) {
                throw SettlementError.PDF_FONT_MISSING.exception("找不到配置的中文字体文件 " + spec
                        + ",无法生成 PDF。请检查 laorenjia.exports.cjk-font,或安装 fonts-wqy-microhei");
            }
            return spec;
        }
        return CANDIDATES.stream().filter(c -> Files.isReadable(Path.of(c.replaceFirst(",\\d+$", ""))))
                .findFirst().orElseThrow(SettlementError.PDF_FONT_MISSING::exception);
    }

    public void write(StatementView s, OutputStream out) {
        BaseFont base;
        try {
            base = BaseFont.createFont(font(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
        } catch (IOException | DocumentException e) {
            throw SettlementError.PDF_FONT_MISSING.exception("中文字体无法读取(" + e.getMessage() + "),无法生成 PDF");
        }
        Font title = new Font(base, 18, Font.BOLD);
        Font text = new Font(base, 11);
        Font small = new Font(base, 9);
        Font bold = new Font(base, 9, Font.BOLD);
        Document doc = new Document(PageSize.A4, 36, 36, 42, 42);
        PdfWriter.getInstance(doc, out);
        doc.addTitle(s.canteenName() + " " + StatementExports.monthZh(s.month()) + " 结算单");
        doc.open();
        try {
            Paragraph heading = new Paragraph("老人家食堂助餐补贴结算单", title);
            heading.setAlignment(Element.ALIGN_CENTER);
            doc.add(heading);
            doc.add(new Paragraph(" ", small));
            doc.add(new Paragraph("食堂:" + s.canteenName() + "(" + s.canteenCode() + ")    " + s.district() + " "
                    + s.subdistrict(), text));
            doc.add(new Paragraph("结算月份:" + StatementExports.monthZh(s.month()) + "    结算单号:" + s.id()
                    + "    状态:" + s.statusZh() + (s.confirmed() ? "(" + s.confirmedBy() + " 于 "
                    + s.confirmedAt().atZone(ChinaCalendar.ZONE).toLocalDate() + " 确认)" : ""), text));
            doc.add(new Paragraph("政策版本:" + String.join(", ", s.ruleVersions()), text));
            doc.add(new Paragraph(" ", small));

            PdfPTable table = new PdfPTable(StatementExports.LINE_HEADERS.length);
            table.setWidthPercentage(100);
            table.setWidths(new float[] {5, 6, 11, 12, 7, 7, 8, 11, 11, 11});
            table.setHeaderRows(1);
            for (String h : StatementExports.LINE_HEADERS) {
                table.addCell(cell(h, bold, Element.ALIGN_CENTER));
            }
            for (StatementView.Line line : s.lines()) {
                table.addCell(cell(Integer.toString(line.lineNo()), small, Element.ALIGN_RIGHT));
                table.addCell(cell(line.kindZh(), small, Element.ALIGN_CENTER));
                table.addCell(cell(line.mealDate().toString(), small, Element.ALIGN_CENTER));
                table.addCell(cell(line.ruleVersion(), small, Element.ALIGN_LEFT));
                figures(table, line.figures(), small);
            }
            table.addCell(cell("合计", bold, Element.ALIGN_CENTER));
            table.addCell(cell("", bold, Element.ALIGN_CENTER));
            table.addCell(cell("", bold, Element.ALIGN_CENTER));
            table.addCell(cell("", bold, Element.ALIGN_CENTER));
            figures(table, s.total(), bold);
            doc.add(table);
            doc.add(new Paragraph(" ", small));
            doc.add(new Paragraph("应付食堂合计:" + s.total().netOwed() + " 元(减免 " + s.total().discount()
                    + " 元 + 运营补贴 " + s.total().operatingSubsidy() + " 元),补贴餐次 " + s.total().meals() + " 次", text));
            if (s.adjustments().meals() != 0 || s.adjustments().netOwedFen() != 0) {
                doc.add(new Paragraph("其中调整项(迟到账的就餐记录):" + s.adjustments().meals() + " 次, "
                        + s.adjustments().netOwed() + " 元", text));
            }
            doc.add(new Paragraph("与台账核对(本月就餐):台账 " + s.ledger().meals() + " 次 " + s.ledger().netOwed()
                    + " 元;" + (s.reconciled() ? "一致" : "不一致,差额将作为调整项列入下一期结算单"), text));
            doc.add(new Paragraph(" ", text));
            doc.add(new Paragraph(" ", text));

            PdfPTable sign = new PdfPTable(2);
            sign.setWidthPercentage(100);
            for (String who : List.of("食堂负责人(签字)", "街镇财务审核(签字)")) {
                PdfPCell c = new PdfPCell(new Phrase(who + ":\n\n\n\n日期:          年     月     日\n\n（盖章）\n\n\n\n", text));
                c.setMinimumHeight(170);
                sign.addCell(c);
            }
            doc.add(sign);
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot lay out statement " + s.id(), e);
        } finally {
            doc.close();
        }
    }

    private static void figures(PdfPTable table, SettledFigures f, Font font) {
        table.addCell(cell(Long.toString(f.sales()), font, Element.ALIGN_RIGHT));
        table.addCell(cell(Long.toString(f.voids()), font, Element.ALIGN_RIGHT));
        table.addCell(cell(Long.toString(f.meals()), font, Element.ALIGN_RIGHT));
        table.addCell(cell(f.discount(), font, Element.ALIGN_RIGHT));
        table.addCell(cell(f.operatingSubsidy(), font, Element.ALIGN_RIGHT));
        table.addCell(cell(f.netOwed(), font, Element.ALIGN_RIGHT));
    }

    private static PdfPCell cell(String text, Font font, int align) {
        PdfPCell c = new PdfPCell(new Phrase(text, font));
        c.setHorizontalAlignment(align);
        c.setPadding(3);
        return c;
    }
}
