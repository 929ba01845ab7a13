package cn.laorenjia.settlement.export;

import cn.laorenjia.settlement.export.service.CsvExport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Text from the register cannot become a spreadsheet formula in the statements CSV (formula injection). */
class CsvCellTest {

    @Test
    void aCellAFormulaWouldStartWithIsWrittenAsText() {
        assertEquals("'=HYPERLINK(\"https://evil.example\",\"点此\")",
                CsvExport.text("=HYPERLINK(\"https://evil.example\",\"点此\")"));
        assertEquals("'+1+1", CsvExport.text("+1+1"));
        assertEquals("'-2+3", CsvExport.text("-2+3"));
        assertEquals("'@SUM(A1)", CsvExport.text("@SUM(A1)"));
        assertEquals("'\tX", CsvExport.text("\tX"));
    }

    @Test
    void ordinaryTextIsLeftAsItIs() {
        assertEquals("海滨街道老人家食堂(东区)", CsvExport.text("海滨街道老人家食堂(东区)"));
        assertEquals("BD-HB-01", CsvExport.text("BD-HB-01"));
        assertEquals("", CsvExport.text(""));
        assertNull(CsvExport.text(null));
    }
}
