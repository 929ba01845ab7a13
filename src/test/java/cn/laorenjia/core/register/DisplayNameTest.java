package cn.laorenjia.core.register;

import cn.laorenjia.core.refusal.InvalidEntryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DisplayNameTest {

    /**
     * Visible text is kept as it is, markup and formulas included: pages show it as text and the spreadsheets
     * neutralise it. What matters is that it is shown as typed.
     */
    @ParameterizedTest
    @ValueSource(strings = {"海滨街道老人家食堂(东区)", "1号收银台", "午餐标准套餐(两荤一素、米饭、汤)", "海滨街道建设路1号 3-201",
            "<img src=x onerror=alert(1)>", "=HYPERLINK(\"http://evil\",\"x\")", "Café № 5", "宝坻区", "tianjin", "😀食堂"})
    void keepsVisibleText(String text) {
        assertEquals(text, DisplayName.of(DisplayName.Kind.CANTEEN_NAME, text).value());
    }

    /** Staff and cashiers: their names reach pages, receipts and the audit; the refusal names the request's field. */
    @Test
    void peopleAndCashiersNamesAreNamesToo() {
        assertEquals("王丽", DisplayName.of(DisplayName.Kind.CASHIER_NAME, " 王丽 ").value());
        InvalidEntryException person = assertThrows(InvalidEntryException.class,
                () -> DisplayName.of(DisplayName.Kind.PERSON_NAME, "财务\u202E员"));
        assertEquals("displayName", person.subject());
        InvalidEntryException cashier = assertThrows(InvalidEntryException.class,
                () -> DisplayName.of(DisplayName.Kind.CASHIER_NAME, "王\n丽"));
        assertEquals("name", cashier.subject());
    }

    @Test
    void dropsSurroundingBlanks() {
        assertEquals("食堂", DisplayName.of(DisplayName.Kind.CANTEEN_NAME, " \u3000食堂\t").value());
    }

    /** NUL, tab, line breaks, DEL, C1, bidi overrides and isolates, zero-width characters, BOM, a lone surrogate. */
    @ParameterizedTest
    @ValueSource(strings = {"食\u0000堂", "食\t堂", "食\n堂", "食\r堂", "食\u007F堂", "食\u0085堂", "食\u202E堂", "食\u202A堂",
            "食\u2066堂", "食\u200B堂", "食\u200D堂", "食\u200E堂", "食\uFEFF堂", "食\u2028堂", "食\u2029堂", "食\uD800堂",
            "食\uE000堂", "食\u00AD堂"})
    void refusesInvisibleCharacters(String text) {
        InvalidEntryException e = assertThrows(InvalidEntryException.class,
                () -> DisplayName.of(DisplayName.Kind.CANTEEN_NAME, text));
        assertEquals(InvalidEntryException.Code.INVALID_NAME, e.code());
        assertTrue(e.messageZh().contains("控制"), e.messageZh());
    }

    @ParameterizedTest
    @EnumSource(DisplayName.Kind.class)
    void isRequiredAndHasALengthLimitInCharacters(DisplayName.Kind kind) {
        assertThrows(InvalidEntryException.class, () -> DisplayName.of(kind, null));
        assertThrows(InvalidEntryException.class, () -> DisplayName.of(kind, "  "));
        // counted in characters: a name of supplementary characters (two UTF-16 units each) fits as well
        String longest = "𠀀".repeat(kind.maxLength());
        assertEquals(longest, DisplayName.of(kind, longest).value());
        InvalidEntryException e = assertThrows(InvalidEntryException.class, () -> DisplayName.of(kind, longest + "食"));
        assertTrue(e.messageZh().contains(Integer.toString(kind.maxLength())), e.messageZh());
    }
}
