package cn.laorenjia.settlement.qr;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A printable senior card as PNG: 85.6 × 54 mm (ID-1) at 300 dpi with the title, the senior's name, the
 * masked ID number and the printed QR code. The QR is encoded with CHARACTER_SET UTF-8, so any Chinese in a
 * code carries an ECI and decodes right (our signed codes are plain Base45 text and need none).
 */
public final class SeniorCardImage {

    public static final int WIDTH = 1011;
    public static final int HEIGHT = 638;
    private static final int QR_SIZE = 440;

    private SeniorCardImage() {
    }

    public static byte[] png(String name, String idNumberMasked, String qrText) {
        BufferedImage card = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = card.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(new Color(0xB22222));
            g.fillRect(0, 0, WIDTH, 110);
            g.setColor(Color.WHITE);
            // The logical SansSerif font maps to the machine's CJK font (fontconfig) for the Chinese text.
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 56));
            g.drawString("老人家食堂 助餐卡", 40, 78);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 72));
            g.drawString(name, 40, 250);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 36));
            g.drawString(idNumberMasked, 40, 330);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 28));
            g.drawString("就餐时出示此码，收银员核对本人", 40, 560);
            g.drawImage(MatrixToImageWriter.toBufferedImage(qr(qrText)), WIDTH - QR_SIZE - 40, 150, null);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(card, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static BitMatrix qr(String text) {
        try {
            return new QRCodeWriter().encode(text, com.google.zxing.BarcodeFormat.QR_CODE, QR_SIZE, QR_SIZE,
                    Map.of(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name(),
                            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                            EncodeHintType.MARGIN, 4));
        } catch (WriterException e) {
            throw new IllegalArgumentException("text does not fit a QR code", e);
        }
    }
}
