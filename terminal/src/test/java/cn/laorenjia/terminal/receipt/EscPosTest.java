package cn.laorenjia.terminal.receipt;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.LocalDateTime;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exact bytes a thermal printer receives. */
class EscPosTest {

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    @Test
    void initialisesThenEntersChineseMode() {
        assertArrayEquals(hex("1B40 1C26"), new EscPos().toBytes());
    }

    @Test
    void encodesChineseInGbkWithStylesAndCut() {
        byte[] bytes = new EscPos()
                .align(EscPos.Align.CENTER).bold(true).doubleSize(true)
                .line("减免3元")
                .doubleSize(false).bold(false).align(EscPos.Align.LEFT)
                .feed(3).cut()
                .toBytes();
        // 减 = BC F5, 免 = C3 E2, 元 = D4 AA in GBK
        assertArrayEquals(hex("1B40 1C26 1B6101 1B4501 1D2111 BCF5 C3E2 33 D4AA 0A 1D2100 1B4500 1B6100 1B6403 1D564200"),
                bytes);
    }

    @Test
    void columnsCountAChineseCharacterAsTwo() {
        assertEquals(4, EscPos.columnsOf("实付"));
        byte[] line = new EscPos().columns("实付", "12.00", 12).toBytes();
        // 2 + 2 header bytes, then 实付 (4 bytes), 3 spaces, 12.00, LF: 4 + 3 + 5 = 12 columns
        assertArrayEquals(hex("1B40 1C26 CAB5 B8B6 202020 31322E3030 0A"), line);
    }

    @Test
    void refusesTextGbkCannotPrint() {
        assertThrows(IllegalArgumentException.class, () -> new EscPos().line("emoji 😀"));
    }

    @Test
    void aReceiptPrintsTheSaleInGbkAndEndsWithACut() {
        Receipt r = new Receipt("6f1c2a3b-8d4e-4f5a-9b6c-7d8e9f0a1b2c", "海滨街道老人家食堂", "BD-HB-01", "BD-HB-01-T1",
                LocalDateTime.of(2026, 11, 23, 11, 42, 10), "标准午餐", "15.00", "3.00", "12.00", "张*珍",
                "120224********1223", 4, "tianjin-2024", false);
        byte[] bytes = ReceiptPrinter.escPos(r, 32);
        ByteArrayOutputStream expectedStart = new ByteArrayOutputStream();
        expectedStart.writeBytes(hex("1B40 1C26 1B6101 1B4501 1D2111"));
        expectedStart.writeBytes("海滨街道老人家食堂\n".getBytes(EscPos.GBK));
        byte[] start = expectedStart.toByteArray();
        assertArrayEquals(start, java.util.Arrays.copyOf(bytes, start.length));
        String text = new String(bytes, EscPos.GBK);
        assertTrue(text.contains("标准午餐" + " ".repeat(17) + "15.00元\n"), text); // 8 + 17 + 7 = 32 columns
        assertTrue(text.contains("实付 12.00元\n"));
        assertTrue(text.contains("本周剩余补贴次数" + " ".repeat(13) + "4次\n"), text);
        assertArrayEquals(hex("1B6403 1D564200"), java.util.Arrays.copyOfRange(bytes, bytes.length - 7, bytes.length));
    }
}
