package cn.laorenjia.core.qr;

import cn.laorenjia.core.testing.Seeded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Base45Test {

    /** The examples of RFC 9285, section 4.3 and 4.4. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"AB|BB8", "Hello!!|%69 VD92EX0", "base-45|UJCLQE7W581", "ietf!|QED8WEX0"})
    void rfcExamples(String plain, String encoded) {
        assertEquals(encoded, Base45.encode(plain.getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals(plain.getBytes(StandardCharsets.US_ASCII), Base45.decode(encoded));
    }

    @Test
    void emptyIsEmpty() {
        assertEquals("", Base45.encode(new byte[0]));
        assertEquals(0, Base45.decode("").length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GGW", "A", "BB8A", "bb8", "BB#", ":Z", "中文字"})
    void refusesInvalidText(String text) {
        assertThrows(IllegalArgumentException.class, () -> Base45.decode(text));
    }

    @Test
    void extremesOfEachGroup() {
        assertEquals("FGW", Base45.encode(new byte[]{(byte) 0xFF, (byte) 0xFF}));
        assertEquals("U5", Base45.encode(new byte[]{(byte) 0xFF}));
        assertArrayEquals(new byte[]{0, 0}, Base45.decode("000"));
    }

    @Test
    void roundTripsRandomBytes() {
        Seeded.forAll("Base45 decode(encode(b)) == b, alphabet only", 500, random -> {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            String text = Base45.encode(bytes);
            assertEquals(bytes.length / 2 * 3 + bytes.length % 2 * 2, text.length());
            text.chars().forEach(c -> assertTrueInAlphabet((char) c));
            assertArrayEquals(bytes, Base45.decode(text));
        });
    }

    @Test
    void randomTextDecodesOrThrowsIllegalArgument() {
        Seeded.forAll("Base45 decode of random text is total", 500, random -> {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                text.append(random.nextInt(10) == 0 ? (char) random.nextInt(0x3000) : Base45.ALPHABET.charAt(random.nextInt(45)));
            }
            try {
                byte[] decoded = Base45.decode(text.toString());
                assertEquals(text.toString(), Base45.encode(decoded), "canonical: a decodable text re-encodes to itself");
            } catch (IllegalArgumentException expected) {
                // refused: fine
            }
        });
    }

    private static void assertTrueInAlphabet(char c) {
        if (Base45.ALPHABET.indexOf(c) < 0) {
            throw new AssertionError("not in the alphabet: " + c);
        }
    }
}
