package cn.laorenjia.settlement.export.service;

/**
 * The one rule for text from the register (a canteen's name or code, a district, a policy version) in a
 * spreadsheet: a cell that begins with = + - @, a tab or a carriage return would be read by Excel, LibreOffice or
 * WPS as a formula ({@code =HYPERLINK("http://evil","x")} as a canteen's name), so it is marked as text. The CSV
 * prefixes an apostrophe ({@link CsvExport#text}); the XLSX keeps the text as it is and gives the cell the
 * quote-prefix style (the cell format's {@code quotePrefix}, what Excel itself records when someone types a leading
 * apostrophe), so no apostrophe shows in the cell. Figures never pass through here: they are numbers the
 * exports write themselves (a negative adjustment stays a number).
 */
public final class SpreadsheetText {

    private SpreadsheetText() {
    }

    /** Whether a spreadsheet would take this text, typed or imported into a cell, for a formula. */
    public static boolean readAsFormula(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    /** The text for a CSV cell: an apostrophe before text a spreadsheet would read as a formula. */
    public static String forCsv(String text) {
        return readAsFormula(text) ? "'" + text : text;
    }
}
