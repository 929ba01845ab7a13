package cn.laorenjia.core.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.laorenjia.core.testing.Seeded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @ParameterizedTest
    @CsvSource({"13.50,1350", "13.5,1350", "13,1300", "0.05,5", "0.5,50", "-3.00,-300", "0,0", "-0.01,-1", "007.10,710"})
    void parsesYuanExactly(String text, long fen) {
        assertEquals(fen, Money.parseYuan(text).fen());
    }

    @ParameterizedTest
    @ValueSource(strings = {"13.505", "13.", ".5", "+3", "1,300", " 13", "13 ", "1e3", "abc", "", "--3", "3.-1", "１３"})
    void refusesAnythingInexact(String text) {
        assertThrows(IllegalArgumentException.class, () -> Money.parseYuan(text));
    }

    @Test
    void refusesNullAndOverflow() {
        assertThrows(IllegalArgumentException.class, () -> Money.parseYuan(null));
        assertThrows(ArithmeticException.class, () -> Money.parseYuan("92233720368547758.08"));
        assertThrows(ArithmeticException.class, () -> Money.parseYuan("99999999999999999999"));
        assertEquals(Long.MAX_VALUE, Money.parseYuan("92233720368547758.07").fen());
        assertThrows(ArithmeticException.class, () -> Money.ofYuan(Long.MAX_VALUE / 10));
        assertThrows(ArithmeticException.class, () -> Money.ofFen(Long.MAX_VALUE).plus(Money.ofFen(1)));
        assertThrows(ArithmeticException.class, () -> Money.ofFen(Long.MIN_VALUE).minus(Money.ofFen(1)));
        assertThrows(ArithmeticException.class, () -> Money.ofFen(Long.MAX_VALUE).times(2));
    }

    @ParameterizedTest
    @CsvSource({"1300,13.00", "5,0.05", "50,0.50", "-300,-3.00", "-5,-0.05", "0,0.00", "123456,1234.56",
            "-9223372036854775808,-92233720368547758.08", "9223372036854775807,92233720368547758.07"})
    void formatsWithTwoDecimals(long fen, String text) {
        assertEquals(text, Money.ofFen(fen).toYuanString());
        assertEquals(text, Money.ofFen(fen).toString());
    }

    @Test
    void arithmetic() {
        Money thirteen = Money.ofYuan(13);
        Money three = Money.ofFen(300);
        assertEquals(Money.ofFen(1000), thirteen.minus(three));
        assertEquals(Money.ofFen(1600), thirteen.plus(three));
        assertEquals(Money.ofFen(1500), Money.ofFen(300).times(5));
        assertEquals(Money.ZERO, three.times(0));
        assertSame(Money.ZERO, Money.ofFen(0));
        assertTrue(three.isLessThan(thirteen));
        assertFalse(thirteen.isLessThan(three));
        assertFalse(three.isLessThan(Money.ofFen(300)));
        assertEquals(three, three.min(thirteen));
        assertEquals(three, thirteen.min(three));
        assertEquals(thirteen, three.max(thirteen));
        assertEquals(thirteen, thirteen.max(three));
        assertTrue(Money.ofFen(-1).isNegative());
        assertFalse(Money.ZERO.isNegative());
        assertTrue(Money.ZERO.isZero());
        assertFalse(Money.ofFen(1).isZero());
        assertTrue(three.compareTo(thirteen) < 0);
        assertTrue(thirteen.compareTo(three) > 0);
        assertEquals(0, three.compareTo(Money.ofFen(300)));
        assertEquals(Money.ofFen(300).hashCode(), three.hashCode());
        assertNotEquals(three, thirteen);
        assertNotEquals(three, "3.00");
        assertEquals(1300, Money.ofYuan(13).fen());
    }

    @Test
    void requireNonNegative() {
        assertEquals(Money.ZERO, Money.requireNonNegative(Money.ZERO, "x"));
        assertThrows(IllegalArgumentException.class, () -> Money.requireNonNegative(Money.ofFen(-1), "x"));
        assertThrows(NullPointerException.class, () -> Money.requireNonNegative(null, "x"));
    }

    @Test
    void propertyFormatAndParseRoundTrip() {
        Seeded.forAll("parseYuan(toYuanString(m)) == m", 200, random -> {
            for (int i = 0; i < 200; i++) {
                long fen = random.nextBoolean() ? random.nextInt(2_000_001) - 1_000_000 : random.nextLong();
                Money m = Money.ofFen(fen);
                assertEquals(m, Money.parseYuan(m.toYuanString()));
            }
        });
    }

    @Test
    void propertyPlusMinusInverse() {
        Seeded.forAll("(a + b) - b == a", 200, random -> {
            Money a = Money.ofFen(random.nextInt());
            Money b = Money.ofFen(random.nextInt());
            assertEquals(a, a.plus(b).minus(b));
            assertEquals(a.plus(b), b.plus(a));
            assertEquals(a.min(b).plus(a.max(b)), a.plus(b));
        });
    }
}
