package cn.laorenjia.core.senior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.laorenjia.core.testing.Seeded;
import cn.laorenjia.core.testing.Seniors;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdNumberTest {

    // The GB 11643-1999 standard's own example: 11010519491231002X.
    private static final String STANDARD_EXAMPLE = "11010519491231002X";

    @Test
    void parsesTheStandardsExample() {
        IdNumber id = IdNumber.parse(STANDARD_EXAMPLE);
        assertEquals(STANDARD_EXAMPLE, id.value());
        assertEquals(LocalDate.of(1949, 12, 31), id.birthDate());
        assertEquals("110105", id.regionCode());
        assertFalse(id.isMale());
        assertEquals("110105********002X", id.masked());
        assertEquals("110105********002X", id.toString());
        assertEquals('X', IdNumber.checkDigit("11010519491231002"));
    }

    @Test
    void lowercaseXIsNormalised() {
        assertEquals(IdNumber.parse(STANDARD_EXAMPLE), IdNumber.parse("11010519491231002x"));
        assertEquals(STANDARD_EXAMPLE, IdNumber.parse("11010519491231002x").value());
    }

    @Test
    void sexFromSeventeenthDigit() {
        assertTrue(Seniors.idBornOn(LocalDate.of(1940, 5, 10), "001").isMale());
        assertFalse(Seniors.idBornOn(LocalDate.of(1940, 5, 10), "002").isMale());
        assertTrue(Seniors.idBornOn(LocalDate.of(1940, 5, 10), "119").isMale());
        assertFalse(Seniors.idBornOn(LocalDate.of(1940, 5, 10), "110").isMale());
    }

    @ParameterizedTest
    @CsvSource({
            "'',LENGTH", "1101051949123100,LENGTH", "11010519491231002X1,LENGTH",
            "11010519491231A02X,CHARACTERS", "11010519491231002Y,CHARACTERS", "１1010519491231002X,CHARACTERS",
            "X10105194912310021,CHARACTERS", "11010519491231002/,CHARACTERS", "11010519491231002:,CHARACTERS",
            "00010519491231002X,REGION", "99010519491231002X,REGION", "10010519491231002X,REGION",
            "11010518991231002X,BIRTH_DATE", "11010519490230002X,BIRTH_DATE", "11010519491331002X,BIRTH_DATE",
            "110105194912310021,CHECK_DIGIT", "11010519491231003X,CHECK_DIGIT"})
    void refusesWithAStableCode(String text, InvalidIdNumberException.Code code) {
        InvalidIdNumberException e = assertThrows(InvalidIdNumberException.class, () -> IdNumber.parse(text));
        assertEquals(code, e.code());
        assertEquals(code.messageZh(), e.messageZh());
        assertTrue(e.getMessage().startsWith(code.name()));
    }

    @Test
    void aBirthDateAfterTodayIsRefusedOnceTheDayIsKnown() {
        IdNumber future = IdNumber.parse("120224203004011233"); // well formed: born 2030-04-01
        InvalidIdNumberException e = assertThrows(InvalidIdNumberException.class,
                () -> future.requireBornBy(java.time.LocalDate.of(2026, 11, 16)));
        assertEquals(InvalidIdNumberException.Code.BIRTH_DATE_IN_FUTURE, e.code());
        assertEquals("身份证号码中的出生日期晚于今天，请核对号码", e.messageZh());
        assertEquals(future, future.requireBornBy(java.time.LocalDate.of(2030, 4, 1)), "born today is not the future");
    }

    @Test
    void refusesNull() {
        assertEquals(InvalidIdNumberException.Code.LENGTH,
                assertThrows(InvalidIdNumberException.class, () -> IdNumber.parse(null)).code());
    }

    @Test
    void checkDigitNeeds17Digits() {
        assertThrows(IllegalArgumentException.class, () -> IdNumber.checkDigit(null));
        assertThrows(IllegalArgumentException.class, () -> IdNumber.checkDigit("1101051949123100"));
        assertThrows(IllegalArgumentException.class, () -> IdNumber.checkDigit("1101051949123100A"));
        assertThrows(IllegalArgumentException.class, () -> IdNumber.checkDigit("1101051949123100/"));
        assertThrows(IllegalArgumentException.class, () -> IdNumber.checkDigit("1101051949123100:"));
    }

    @Test
    void equality() {
        IdNumber a = IdNumber.parse(STANDARD_EXAMPLE);
        assertEquals(a, IdNumber.parse(STANDARD_EXAMPLE));
        assertEquals(a.hashCode(), IdNumber.parse(STANDARD_EXAMPLE).hashCode());
        assertNotEquals(a, Seniors.idBornOn(LocalDate.of(1949, 12, 31)));
        assertNotEquals(a, STANDARD_EXAMPLE);
    }

    @Test
    void propertyValidNumbersRoundTripAndAnySingleDigitChangeIsCaught() {
        Seeded.forAll("generated ID numbers parse; a changed sequence digit fails the check digit", 300, random -> {
            LocalDate birth = LocalDate.of(1900, 1, 1).plusDays(random.nextInt(45_000));
            String seq = String.format("%03d", random.nextInt(1000));
            IdNumber id = Seniors.idBornOn(birth, seq);
            assertEquals(birth, id.birthDate());
            assertEquals(id, IdNumber.parse(id.value()));
            assertEquals("120224" + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + seq, id.value().substring(0, 17));
            int pos = 14 + random.nextInt(3);
            char original = id.value().charAt(pos);
            char changed = (char) ('0' + (original - '0' + 1 + random.nextInt(9)) % 10);
            String tampered = id.value().substring(0, pos) + changed + id.value().substring(pos + 1);
            assertEquals(InvalidIdNumberException.Code.CHECK_DIGIT,
                    assertThrows(InvalidIdNumberException.class, () -> IdNumber.parse(tampered)).code());
        });
    }
}
