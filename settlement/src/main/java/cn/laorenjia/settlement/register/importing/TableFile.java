package cn.laorenjia.settlement.register.importing;

import cn.laorenjia.settlement.error.ApiException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an uploaded table row by row, never the whole workbook at once: XLSX through POI's streaming (SAX) reader of
 * the first sheet, CSV through Commons CSV in UTF-8 (with or without BOM) or GBK (what Excel in China saves as "CSV").
 * Date cells of a workbook arrive as ISO dates whatever their display format.
 */
final class TableFile {

    enum Format { CSV, XLSX }

    /** What was read: the format and, for CSV, the character set. */
    record Opened(Format format, String charset) {
    }

    interface Rows {
        void header(List<String> cells);

        /** A row below the header; {@code rowNumber} as the spreadsheet shows it (the header is row 1). */
        void row(int rowNumber, List<String> cells);
    }

    private static final Charset GBK = Charset.forName("GB18030"); // a superset of GBK (CP936): decodes what it saves

    private TableFile() {
    }

    static Opened read(byte[] content, String charset, Rows rows) {
        if (content.length == 0) {
            throw ImportError.IMPORT_FILE_EMPTY.exception();
        }
        if (startsWith(content, 0x50, 0x4B, 0x03, 0x04)) {
            readXlsx(content, rows);
            return new Opened(Format.XLSX, null);
        }
        if (startsWith(content, 0xD0, 0xCF, 0x11, 0xE0)) {
            throw ImportError.IMPORT_FILE_UNREADABLE.exception("这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV", Map.of());
        }
        for (byte b : content) {
            if (b == 0) {
                throw ImportError.IMPORT_FILE_UNREADABLE.exception("文件不是文本或 Excel 工作簿", Map.of());
            }
        }
        Decoded text = decode(content, charset);
        readCsv(text.text(), rows);
        return new Opened(Format.CSV, text.charset());
    }

    private record Decoded(String text, String charset) {
    }

    private static Decoded decode(byte[] content, String requested) {
        boolean bom = startsWith(content, 0xEF, 0xBB, 0xBF);
        int offset = bom ? 3 : 0;
        if (requested != null && !requested.isBlank()) {
            String name = requested.strip().toUpperCase(Locale.ROOT).replace("_", "-");
            Charset cs = switch (name) {
                case "UTF-8", "UTF8" -> StandardCharsets.UTF_8;
                case "GBK", "GB2312", "GB18030", "CP936" -> GBK;
                default -> throw ImportError.IMPORT_UNKNOWN_CHARSET.exception();
            };
            String text = strict(content, offset, cs);
            if (text == null) {
                throw ImportError.IMPORT_FILE_UNREADABLE.exception("文件内容不是 " + requested.strip() + " 编码", Map.of());
            }
            return new Decoded(text, cs == GBK ? "GBK" : "UTF-8");
        }
        String utf8 = strict(content, offset, StandardCharsets.UTF_8);
        if (utf8 != null) {
            return new Decoded(utf8, "UTF-8");
        }
        String gbk = strict(content, 0, GBK);
        if (gbk != null) {
            return new Decoded(gbk, "GBK");
        }
        throw ImportError.IMPORT_FILE_UNREADABLE.exception("文件既不是 UTF-8 也不是 GBK 编码的文本", Map.of());
    }

    private static String strict(byte[] content, int offset, Charset cs) {
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content, offset, content.length - offset)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static void readCsv(String text, Rows rows) {
        int firstLineEnd = text.indexOf('\n');
        String firstLine = firstLineEnd < 0 ? text : text.substring(0, firstLineEnd);
        char delimiter = firstLine.indexOf(',') < 0 && firstLine.indexOf('\t') >= 0 ? '\t' : ',';
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Iterator<CSVRecord> it = parser.iterator();
            boolean header = true;
            while (it.hasNext()) {
                CSVRecord record = it.next();
                List<String> cells = record.toList();
                if (header) {
                    if (isBlank(cells)) {
                        continue; // blank lines above the header
                    }
                    rows.header(cells);
                    header = false;
                } else {
                    rows.row((int) record.getRecordNumber(), cells);
                }
            }
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) { // UncheckedIOException, IllegalStateException: an unterminated quote and the like
            throw ImportError.IMPORT_FILE_UNREADABLE.exception("CSV 格式错误，如引号不成对", Map.of());
        }
    }

    private static void readXlsx(byte[] content, Rows rows) {
        try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(content))) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            StylesTable styles = reader.getStylesTable();
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw ImportError.IMPORT_FILE_EMPTY.exception();
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, new SheetRows(rows),
                        new IsoDates(), false));
                parser.parse(new InputSource(sheet));
            }
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) { // not a workbook (a zip of something else), a damaged one, a zip bomb POI refused
            throw ImportError.IMPORT_FILE_UNREADABLE.exception("Excel 文件已损坏或不是 .xlsx 工作簿", Map.of());
        }
    }

    /** The first sheet's rows, cells placed by their column letter (empty cells are absent from the sheet's XML). */
    private static final class SheetRows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final Rows rows;
        private final List<String> cells = new ArrayList<>();
        private boolean header = true;

        SheetRows(Rows rows) {
            this.rows = rows;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            if (header) {
                if (isBlank(cells)) {
                    return;
                }
                rows.header(List.copyOf(cells));
                header = false;
            } else {
                rows.row(rowNum + 1, new ArrayList<>(cells));
            }
        }

        @Override
        public void cell(String reference, String formattedValue, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            while (cells.size() < column) {
                cells.add("");
            }
            cells.add(formattedValue == null ? "" : formattedValue);
        }
    }

    /** Date cells as ISO dates (2024-03-01), whatever their display format; everything else as Excel shows it. */
    private static final class IsoDates extends DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value, use1904).toLocalDate().toString();
            }
            return super.formatRawCellContents(value, formatIndex, formatString, use1904);
        }
    }

    static boolean isBlank(List<String> cells) {
        for (String c : cells) {
            if (c != null && !c.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] content, int... prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((content[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
