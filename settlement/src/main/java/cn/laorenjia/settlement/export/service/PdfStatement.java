package cn.laorenjia.settlement.export.service;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.settlement.app.SettlementConfig;
import cn.laorenjia.settlement.settling.service.SettledFigures;
import cn.laorenjia.settlement.settling.service.SettlementError;
import cn.laorenjia.settlement.statement.service.StatementSummary;
import cn.laorenjia.settlement.statement.service.StatementView;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * A printable statement of one canteen and month (A4): who, which month, status and rule versions, the lines,
 * the totals, the check against the ledger, and space for the canteen's and the 街镇 finance office's
 * signatures and stamps. The Chinese font is embedded as a subset (only the glyphs used), so the PDF prints
 * the same anywhere.
 *
 * <p>The font: {@code laorenjia.exports.cjk-font} if set and loadable, otherwise WenQuanYi Micro Hei shipped
 * in this module ({@code fonts/wqy-microhei.ttc}, Apache 2.0, embedding allowed; see fonts/NOTICE.txt), so a
 * machine with only a JDK prints statements too. 503 PDF_FONT_MISSING remains for the case that even the
 * shipped font cannot be read (a broken build).
 */
@ApplicationScoped
public class PdfStatement {

    private static final Logger LOG = Logger.getLogger(PdfStatement.class);

    /** The font shipped in this module, as a classpath resource; ",0" is the TTC's first face (proportional). */
    static final String BUNDLED_FONT = "fonts/wqy-microhei.ttc";

    private final Optional<String> configured;
    private final String bundledResource;
    /** The shipped font's bytes, read once (5 MB): each PDF parses its own BaseFont from them. */
    private volatile byte[] bundledBytes;

    @Inject
    public PdfStatement(SettlementConfig config) {
        this(config, BUNDLED_FONT);
    }

    /** With another classpath resource standing for the shipped font (tests: a missing one proves the refusal). */
    public PdfStatement(SettlementConfig config, String bundledResource) {
        this.configured = config.exports().cjkFont().map(String::trim).filter(f -> !f.isEmpty());
        this.bundledResource = bundledResource;
    }

    /**
     * The font a PDF embeds, described: the configured "path[,index]" when it loads, else
     * "classpath:fonts/wqy-microhei.ttc,0"; or the PDF_FONT_MISSING refusal when neither loads.
     */
    public String font() {
        return loadFont().description();
    }

    /** The Chinese font for one document: a BaseFont of its own, so concurrent downloads share nothing mutable. */
    BaseFont baseFont() {
        return loadFont().font();
    }

    private record Loaded(String description, BaseFont font) {
    }

    private Loaded loadFont() {
        if (configured.isPresent()) {
            String spec = configured.get();
            try {
                return new Loaded(spec, BaseFont.createFont(spec, BaseFont.IDENTITY_H, BaseFont.EMBEDDED,
                        false, null, null));
            } catch (IOException | RuntimeException e) {
                // a wrong setting should not stop finance printing: say so in the log, use the shipped font
                LOG.warnf("laorenjia.exports.cjk-font=%s cannot be loaded (%s); using the shipped %s instead",
                        spec, e.getMessage(), bundledResource);
            }
        }
        try {
            return new Loaded("classpath:" + bundledResource + ",0", BaseFont.createFont(
                    fileName(bundledResource) + ",0", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false, bundled(), null));
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "the shipped PDF font %s cannot be loaded", bundledResource);
            throw SettlementError.PDF_FONT_MISSING.exception("内置中文字体 " + bundledResource + " 无法读取("
                    + e.getMessage() + "),无法生成 PDF。请检查安装包是否完整,或设置 laorenjia.exports.cjk-font 指向一个 .ttf/.ttc 字体文件");
        }
    }

    private byte[] bundled() throws IOException {
        byte[] bytes = bundledBytes;
        if (bytes == null) {
            try (InputStream in = PdfStatement.class.getClassLoader().getResourceAsStream(bundledResource)) {
                if (in == null) {
                    throw new IOException("not on the classpath");
                }
                bytes = in.readAllBytes();
            }
            bundledBytes = bytes;
        }
        return bytes;
    }

    /** OpenPDF tells a TTC from a TTF by the name's ending, and reads the face index after the comma. */
    private static String fileName(String resource) {
        return resource.substring(resource.lastIndexOf('/') + 1);
    }

    /**
     * Lays the statement out twice: once to count its pages, once with "第 i 页 / 共 N 页" and the running header on
     * every page (a total known only at the end cannot be printed on page 1 otherwise without a form XObject).
     */
    public void write(StatementView s, OutputStream out) {
        BaseFont base = baseFont();
        ByteArrayOutputStream counted = new ByteArrayOutputStream();
        int pages = layout(s, base, counted, 0);
        layout(s, base, out, pages);
    }

    /** One layout; answers its number of pages. {@code pages} 0: the count is not known yet. */
    private int layout(StatementView s, BaseFont base, OutputStream out, int pages) {
        Font title = new Font(base, 18, Font.BOLD);
        Font text = new Font(base, 11);
        Font small = new Font(base, 8.5f);
        Font bold = new Font(base, 8.5f, Font.BOLD);
        Document doc = new Document(PageSize.A4, 36, 36, 54, 48);
        PdfWriter writer = PdfWriter.getInstance(doc, out);
        int[] count = {0};
        writer.setPageEvent(new PdfPageEventHelper() {
            @Override
            public void onEndPage(PdfWriter w, Document d) {
                count[0] = w.getPageNumber();
                PdfContentByte canvas = w.getDirectContent();
                // the running header: which statement this sheet belongs to, on every page
                ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT, new Phrase(TITLE + "  结算单号 " + s.number() + "  "
                        + s.canteenName() + "  " + StatementExports.monthZh(s.month()), small), d.left(), d.top() + 20, 0);
                ColumnText.showTextAligned(canvas, Element.ALIGN_CENTER, new Phrase("第 " + w.getPageNumber() + " 页 / 共 "
                        + (pages == 0 ? "?" : pages) + " 页", small), (d.left() + d.right()) / 2, d.bottom() - 24, 0);
            }
        });
        doc.addTitle(s.canteenName() + " " + StatementExports.monthZh(s.month()) + " 结算单 " + s.number());
        doc.open();
        try {
            Paragraph heading = new Paragraph(TITLE, title);
            heading.setAlignment(Element.ALIGN_CENTER);
            doc.add(heading);
            doc.add(new Paragraph(" ", small));
            doc.add(new Paragraph("结算单号:" + s.number() + "    结算月份:" + StatementExports.monthZh(s.month()), text));
            doc.add(new Paragraph("食堂:" + s.canteenName() + "(" + s.canteenCode() + ")    " + s.district() + " "
                    + s.subdistrict(), text));
            doc.add(new Paragraph("状态:" + s.statusZh() + (s.confirmed() ? "(" + s.confirmedByName() + " 于 "
                    + s.confirmedAt().atZone(ChinaCalendar.ZONE).toLocalDate() + " 确认)" : "")
                    + "    政策版本:" + String.join(", ", s.ruleVersions()), text));
            if (s.chainHead() != null) {
                // the ledger chain's head at confirmation: a later verification must still reach it
                doc.add(new Paragraph(StatementExports.CHAIN_HEAD_LABEL + ":" + s.chainHead(), small));
            }
            for (StatementSummary.Link later : s.transferred()) {
                doc.add(new Paragraph("后续调整见 " + StatementExports.monthZh(later.month()) + "结算单(" + later.number()
                        + "),调整 " + later.meals() + " 次 " + Money.ofFen(later.netOwedFen()).toGroupedYuanString() + " 元", text));
            }
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
                table.addCell(cell(line.original() == null ? line.ruleVersion() : line.ruleVersion() + "\n原结算单 "
                        + line.original().number(), small, Element.ALIGN_LEFT));
                figures(table, line.figures(), small);
            }
            table.addCell(cell("合计", bold, Element.ALIGN_CENTER));
            table.addCell(cell("", bold, Element.ALIGN_CENTER));
            table.addCell(cell("", bold, Element.ALIGN_CENTER));
            table.addCell(cell("", bold, Element.ALIGN_CENTER));
            figures(table, s.total(), bold);
            doc.add(table);

            // the totals and the signature block in one unbreakable block: they always share a page
            PdfPTable closing = new PdfPTable(1);
            closing.setWidthPercentage(100);
            closing.setKeepTogether(true);
            closing.setSpacingBefore(6);
            Paragraph totals = new Paragraph();
            totals.add(new Phrase("应付食堂合计:" + grouped(s.total().netOwedFen()) + " 元(减免 "
                    + grouped(s.total().discountFen()) + " 元 + 运营补贴 " + grouped(s.total().operatingSubsidyFen())
                    + " 元),补贴餐次 " + s.total().meals() + " 次\n", text));
            totals.add(new Phrase("大写金额:人民币" + Money.ofFen(s.total().netOwedFen()).toChineseCapitals() + "\n", text));
            if (s.adjustments().meals() != 0 || s.adjustments().netOwedFen() != 0) {
                totals.add(new Phrase("其中调整项(迟到账的就餐记录):" + s.adjustments().meals() + " 次, "
                        + grouped(s.adjustments().netOwedFen()) + " 元" + originals(s) + "\n", text));
            }
            totals.add(new Phrase("与台账核对(本月就餐):台账 " + s.ledger().meals() + " 次 " + grouped(s.ledger().netOwedFen())
                    + " 元;" + (s.reconciled() ? "一致" : s.confirmed() && !s.transferred().isEmpty()
                    ? "确认后的迟到记录已转入后续结算单调整(见上)" : "不一致,差额将作为调整项列入下一期结算单"), text));
            PdfPCell totalsCell = new PdfPCell(totals);
            totalsCell.setBorder(0);
            totalsCell.setPaddingBottom(12);
            closing.addCell(totalsCell);
            PdfPTable sign = new PdfPTable(2);
            sign.setWidthPercentage(100);
            for (String who : List.of("食堂负责人(签字)", "街镇财务审核(签字)")) {
                PdfPCell c = new PdfPCell(new Phrase(who + ":\n\n日期:          年     月     日\n\n（盖章）\n", text));
                c.setMinimumHeight(100);
                sign.addCell(c);
            }
            PdfPCell signCell = new PdfPCell(sign);
            signCell.setBorder(0);
            signCell.setPadding(0);
            closing.addCell(signCell);
            doc.add(closing);
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot lay out statement " + s.id(), e);
        } finally {
            doc.close();
        }
        return count[0];
    }

    static final String TITLE = "老人家食堂助餐补贴结算单";

    private static String grouped(long fen) {
        return Money.ofFen(fen).toGroupedYuanString();
    }

    private static String originals(StatementView s) {
        return s.originals().isEmpty() ? "" : ",更正 " + String.join("、", s.originals().stream()
                .map(o -> StatementExports.monthZh(o.month()) + "结算单(" + o.number() + ")").toList());
    }

    private static void figures(PdfPTable table, SettledFigures f, Font font) {
        table.addCell(cell(Long.toString(f.sales()), font, Element.ALIGN_RIGHT));
        table.addCell(cell(Long.toString(f.voids()), font, Element.ALIGN_RIGHT));
        table.addCell(cell(Long.toString(f.meals()), font, Element.ALIGN_RIGHT));
        table.addCell(cell(grouped(f.discountFen()), font, Element.ALIGN_RIGHT));
        table.addCell(cell(grouped(f.operatingSubsidyFen()), font, Element.ALIGN_RIGHT));
        table.addCell(cell(grouped(f.netOwedFen()), font, Element.ALIGN_RIGHT));
    }

    private static PdfPCell cell(String text, Font font, int align) {
        PdfPCell c = new PdfPCell(new Phrase(text, font));
        c.setHorizontalAlignment(align);
        c.setPadding(1.5f);
        c.setPaddingBottom(2.5f);
        return c;
    }
}
