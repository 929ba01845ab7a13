package cn.laorenjia.terminal.receipt;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;

/**
 * A small ESC/POS encoder for the thermal receipt printers Chinese canteens use: they print GBK in their
 * Chinese character mode, not Unicode. Only what a receipt needs: initialise, Chinese mode, alignment, bold,
 * double size, text lines, feed and cut. Text that GBK cannot encode is refused rather than printed as "?".
 */
public final class EscPos {

    public static final Charset GBK = Charset.forName("GBK");

    private static final byte ESC = 0x1B;
    private static final byte FS = 0x1C;
    private static final byte GS = 0x1D;
    private static final byte LF = 0x0A;

    public enum Align { LEFT, CENTER, RIGHT }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** ESC @ (reset to the printer's defaults), then FS & (Chinese character mode: two-byte GBK). */
    public EscPos() {
        bytes(ESC, '@');
        bytes(FS, '&');
    }

    /** ESC a n. */
    public EscPos align(Align align) {
        return bytes(ESC, 'a', align.ordinal());
    }

    /** ESC E n. */
    public EscPos bold(boolean on) {
        return bytes(ESC, 'E', on ? 1 : 0);
    }

    /** GS ! n: double width and height (0x11), or normal (0x00). Chinese characters follow it in GBK mode too. */
    public EscPos doubleSize(boolean on) {
        return bytes(GS, '!', on ? 0x11 : 0x00);
    }

    /** The text in GBK, then LF. */
    public EscPos line(String text) {
        CharsetEncoder encoder = GBK.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer encoded = encoder.encode(CharBuffer.wrap(text));
            out.write(encoded.array(), encoded.arrayOffset() + encoded.position(), encoded.remaining());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("cannot print in GBK: " + text, e);
        }
        out.write(LF);
        return this;
    }

    /** Label on the left, value on the right, within {@code width} printer columns (a GBK character takes two). */
    public EscPos columns(String left, String right, int width) {
        int gap = Math.max(1, width - columnsOf(left) - columnsOf(right));
        return line(left + " ".repeat(gap) + right);
    }

    /** A rule across the paper. */
    public EscPos rule(int width) {
        return line("-".repeat(width));
    }

    /** ESC d n: print and feed n lines. */
    public EscPos feed(int lines) {
        return bytes(ESC, 'd', lines);
    }

    /** GS V 66 n: feed n dots past the cutter, then a partial cut. */
    public EscPos cut() {
        return bytes(GS, 'V', 66, 0);
    }

    public byte[] toBytes() {
        return out.toByteArray();
    }

    /** Printer columns a text takes: one per ASCII character, two per GBK (Chinese) character. */
    static int columnsOf(String text) {
        return text.getBytes(GBK).length;
    }

    private EscPos bytes(int... values) {
        for (int v : values) {
            out.write(v);
        }
        return this;
    }
}
