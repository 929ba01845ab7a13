package cn.laorenjia.core.qr;

import java.io.ByteArrayOutputStream;

/**
 * RFC 9285 Base45: bytes as text in QR alphanumeric mode (5.5 bits a character instead of 8 in byte
 * mode), so a signed token fits a low QR version and types cleanly through a keyboard-wedge scanner.
 * Hand-written: Maven Central has no well-kept Java codec for it. Pure and total: every input either
 * decodes or throws {@link IllegalArgumentException}.
 */
public final class Base45 {

    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    private static final int[] VALUE = new int[128];

    static {
        java.util.Arrays.fill(VALUE, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUE[ALPHABET.charAt(i)] = i;
        }
    }

    private Base45() {
    }

    public static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length / 2) * 3 + 2);
        int i = 0;
        for (; i + 1 < bytes.length; i += 2) {
            int n = (bytes[i] & 0xFF) * 256 + (bytes[i + 1] & 0xFF);
            out.append(ALPHABET.charAt(n % 45)).append(ALPHABET.charAt(n / 45 % 45)).append(ALPHABET.charAt(n / 2025));
        }
        if (i < bytes.length) {
            int n = bytes[i] & 0xFF;
            out.append(ALPHABET.charAt(n % 45)).append(ALPHABET.charAt(n / 45));
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException on a character outside the alphabet, a dangling character or a value over range */
    public static byte[] decode(String text) {
        int length = text.length();
        if (length % 3 == 1) {
            throw new IllegalArgumentException("Base45 text of length " + length + " cannot be complete");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length / 3 * 2 + 1);
        int i = 0;
        for (; i + 2 < length; i += 3) {
            int n = value(text, i) + value(text, i + 1) * 45 + value(text, i + 2) * 2025;
            if (n > 0xFFFF) {
                throw new IllegalArgumentException("Base45 triple at " + i + " is over 65535");
            }
            out.write(n >> 8);
            out.write(n & 0xFF);
        }
        if (i < length) {
            int n = value(text, i) + value(text, i + 1) * 45;
            if (n > 0xFF) {
                throw new IllegalArgumentException("Base45 pair at " + i + " is over 255");
            }
            out.write(n);
        }
        return out.toByteArray();
    }

    private static int value(String text, int index) {
        char c = text.charAt(index);
        int v = c < 128 ? VALUE[c] : -1;
        if (v < 0) {
            throw new IllegalArgumentException("character at " + index + " is not Base45");
        }
        return v;
    }
}
