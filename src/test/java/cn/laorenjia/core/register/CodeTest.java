package cn.laorenjia.core.register;

import cn.laorenjia.core.refusal.InvalidEntryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodeTest {

    /** The sample register's and the tests' codes (TestApi.unique makes "TST-K3X9Q1"), and a one-letter set code. */
    @ParameterizedTest
    @ValueSource(strings = {"BD-HB-01", "BD-HB-99", "L-STD", "L-SML", "L01", "B02", "D-STD", "L", "7", "TST-K3X9Q12",
            "SL-1A2B3C4"})
    void acceptsTheCodesInUse(String code) {
        assertEquals(code, Code.canteen(code).value());
        assertEquals(code, Code.mealSet(code).value());
        assertEquals(code + "-T1", Code.terminal(code + "-T1").value());
    }

    @Test
    void dropsSurroundingBlanksOnly() {
        assertEquals("BD-HB-01", Code.canteen("  BD-HB-01\t").value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"<img src=x onerror=alert(1)>", "BD HB 01", "BD-HB-01 T1", "bd-hb-01", "Bd-HB-01",
            "ＢＤ-ＨＢ-０１", "BD-HB-０１", "BD_HB_01", "-BD", "BD-", "BD/HB", "BD.HB", "BD:HB", "BD\"HB", "BD'HB",
            "BD\u0000HB", "BD\nHB", "BD\u202EHB", "食堂01", "Ⅸ", "", " ", "\u3000"})
    void refusesEverythingElse(String code) {
        for (Code.Kind kind : Code.Kind.values()) {
            InvalidEntryException e = assertThrows(InvalidEntryException.class, () -> Code.of(kind, code), code);
            assertEquals(InvalidEntryException.Code.INVALID_CODE, e.code());
            assertTrue(e.messageZh().matches(".*\\p{IsHan}.*"), e.messageZh());
            assertTrue(e.messageZh().startsWith(kind.labelZh()), e.messageZh());
        }
    }

    @Test
    void refusesNull() {
        assertThrows(InvalidEntryException.class, () -> Code.canteen(null));
    }

    @ParameterizedTest
    @EnumSource(Code.Kind.class)
    void hasALengthLimit(Code.Kind kind) {
        String longest = "A".repeat(kind.maxLength());
        assertEquals(longest, Code.of(kind, longest).value());
        assertThrows(InvalidEntryException.class, () -> Code.of(kind, longest + "A"));
    }

    @Test
    void aTerminalCodeHasRoomForTheCanteenCodeAndASuffix() {
        String canteen = "C".repeat(Code.Kind.CANTEEN.maxLength());
        assertEquals(canteen + "-T12", Code.terminal(canteen + "-T12").value());
    }

    @Test
    void theMessageNeverRepeatsTheValue() {
        InvalidEntryException e = assertThrows(InvalidEntryException.class, () -> Code.canteen("<img src=x onerror=alert(1)>"));
        assertTrue(!e.messageZh().contains("<") && !e.getMessage().contains("<"), e.getMessage());
        assertEquals("canteenCode", e.subject());
    }

    @Test
    void equalityIsByKindAndValue() {
        assertEquals(Code.canteen("BD-HB-01"), Code.canteen(" BD-HB-01"));
        assertNotEquals(Code.canteen("L01"), Code.mealSet("L01"));
    }
}
