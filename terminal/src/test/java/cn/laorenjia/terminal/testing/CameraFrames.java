package cn.laorenjia.terminal.testing;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Random;

/**
 * 1280×720 frames that look like what a counter's camera sees: uneven light and a vignette, clutter, sensor
 * noise, soft edges, and the code (if any) somewhere in the picture, turned, at a few pixels per module,
 * optionally on a phone screen (dark bezel) or a printed card. Seeded, so a failure can be replayed.
 */
public final class CameraFrames {

    public static final int WIDTH = 1280;
    public static final int HEIGHT = 720;

    private CameraFrames() {
    }

    /** What to put in the frame. */
    public record Shot(double degrees, double pixelsPerModule, int centreX, int centreY, boolean phoneScreen) {

        /** A shot as a hand holds a phone or card to the camera: anywhere in the middle, turned up to ±25°, 4–8 px per module. */
        public static Shot handHeld(Random random) {
            return new Shot(random.nextDouble() * 50 - 25, 4 + random.nextDouble() * 4,
                    WIDTH / 6 + random.nextInt(WIDTH * 2 / 3), HEIGHT / 4 + random.nextInt(HEIGHT / 2), random.nextBoolean());
        }

        /** The shot of the existing tests: centred, turned 12°, about 6 px per module. */
        public static Shot centred() {
            return new Shot(12, 6, WIDTH / 2, HEIGHT / 2, false);
        }
    }

    /** A frame holding {@code code} (a QR code, medium error correction as the service prints) or nothing when null. */
    public static BufferedImage frame(Random random, String code, Shot shot) {
        return frame(random, code == null || shot == null ? g -> { } : g -> {
            BufferedImage qr = qr(code);
            double scale = shot.pixelsPerModule() / QR_PIXELS_PER_MODULE;
            g.translate(shot.centreX(), shot.centreY());
            g.rotate(Math.toRadians(shot.degrees()));
            g.scale(scale, scale);
            int size = qr.getWidth();
            if (shot.phoneScreen()) {
                g.setColor(new Color(25, 25, 30)); // the phone around its screen
                g.fillRoundRect(-size / 2 - 6, -size / 2 - 14, size + 12, size + 28, 6, 6);
            }
            g.drawImage(qr, -size / 2, -size / 2, null);
        });
    }

    /** A picture (e.g. a printed senior card) photographed in the middle of the frame: turned and scaled. */
    public static BufferedImage photographed(Random random, BufferedImage picture, double degrees, double scale) {
        return frame(random, g -> {
            g.translate(WIDTH / 2.0, HEIGHT / 2.0);
            g.rotate(Math.toRadians(degrees));
            g.scale(scale, scale);
            g.drawImage(picture, -picture.getWidth() / 2, -picture.getHeight() / 2, null);
        });
    }

    private static BufferedImage frame(Random random, java.util.function.Consumer<Graphics2D> subject) {
        BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(150 + random.nextInt(40), 140, 120), WIDTH, HEIGHT, new Color(90, 95, 100)));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        for (int i = 0; i < 40; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            g.fillRect(random.nextInt(WIDTH), random.nextInt(HEIGHT), 10 + random.nextInt(120), 10 + random.nextInt(80));
        }
        AffineTransform saved = g.getTransform();
        subject.accept(g);
        g.setTransform(saved);
        // light falling off towards the corners
        g.setPaint(new RadialGradientPaint(WIDTH / 2f, HEIGHT / 2f, WIDTH * 0.75f, new float[]{0.4f, 1f},
                new Color[]{new Color(0, 0, 0, 0), new Color(0, 0, 0, 110)}));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.dispose();
        // sensor noise, roughly Gaussian (sum of two uniforms), from a fast generator (java.util.Random is too slow here)
        int[] pixels = ((java.awt.image.DataBufferInt) frame.getRaster().getDataBuffer()).getData();
        long state = random.nextLong() | 1;
        for (int i = 0; i < pixels.length; i++) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            int noise = (int) ((state & 0xF) + ((state >>> 4) & 0xF)) - 15;
            int rgb = pixels[i];
            pixels[i] = clamp(((rgb >> 16) & 0xFF) + noise) << 16 | clamp(((rgb >> 8) & 0xFF) + noise) << 8 | clamp((rgb & 0xFF) + noise);
        }
        return frame;
    }

    /** The frame as a camera or phone sends it: JPEG at quality 0.85. */
    public static byte[] jpeg(BufferedImage frame) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.write(null, new IIOImage(frame, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Drawn at this size and scaled down, so that edges come out soft as through a lens. */
    private static final int QR_PIXELS_PER_MODULE = 8;

    /** The code with its 4-module quiet zone, black on white, {@link #QR_PIXELS_PER_MODULE} pixels per module. */
    private static BufferedImage qr(String code) {
        try {
            BitMatrix modules = new QRCodeWriter().encode(code, BarcodeFormat.QR_CODE, 0, 0, Map.of(EncodeHintType.MARGIN, 4,
                    EncodeHintType.CHARACTER_SET, "UTF-8", EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
            int size = modules.getWidth() * QR_PIXELS_PER_MODULE;
            BitMatrix matrix = new QRCodeWriter().encode(code, BarcodeFormat.QR_CODE, size, size, Map.of(EncodeHintType.MARGIN, 4,
                    EncodeHintType.CHARACTER_SET, "UTF-8", EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
            return MatrixToImageWriter.toBufferedImage(matrix);
        } catch (WriterException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
