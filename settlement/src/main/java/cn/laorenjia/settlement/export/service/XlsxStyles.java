package cn.laorenjia.settlement.export.service;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.util.HashMap;
import java.util.Map;

/**
 * The cell styles of the service's workbooks (the month's statements, a policy replay's comparison): a title, bold
 * headers, yuan as {@code #,##0.00}, dates as {@code yyyy-mm-dd}, and text a spreadsheet would read as a formula
 * quote-prefixed ({@link SpreadsheetText}).
 */
public final class XlsxStyles {
    public final CellStyle title;
    public final CellStyle bold;
    public final CellStyle yuan;
    public final CellStyle date;
    private final XSSFWorkbook wb;
    private final Map<CellStyle, CellStyle> asText = new HashMap<>();
    private CellStyle plainAsText;

    public XlsxStyles(XSSFWorkbook wb) {
        this.wb = wb;
        Font boldFont = wb.createFont();
        boldFont.setBold(true);
        Font big = wb.createFont();
        big.setBold(true);
        big.setFontHeightInPoints((short) 14);
        title = wb.createCellStyle();
        title.setFont(big);
        bold = wb.createCellStyle();
        bold.setFont(boldFont);
        yuan = wb.createCellStyle();
        yuan.setDataFormat(wb.createDataFormat().getFormat("#,##0.00"));
        date = wb.createCellStyle();
        date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
    }

    /** The style, or the default one when null, marked quote-prefixed: the cell is text, whatever it begins with. */
    public CellStyle asText(CellStyle style) {
        if (style == null) {
            if (plainAsText == null) {
                plainAsText = wb.createCellStyle();
                plainAsText.setQuotePrefixed(true);
            }
            return plainAsText;
        }
        return asText.computeIfAbsent(style, s -> {
            CellStyle quoted = wb.createCellStyle();
            quoted.cloneStyleFrom(s);
            quoted.setQuotePrefixed(true);
            return quoted;
        });
    }
}
