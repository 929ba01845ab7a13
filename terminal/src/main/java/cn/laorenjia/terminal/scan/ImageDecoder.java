package cn.laorenjia.terminal.scan;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * QR codes from a camera frame or an uploaded picture. Only QR is tried: most camera frames hold no code, and
 * looking for every format there costs ~20× more (measured). HybridBinarizer copes with uneven light.
 *
 * <p>Where the time went (1280×720 JPEG frame, measured): ZXing's BufferedImageLuminanceSource spent 20–60 ms
 * converting colour to grey through {@code getRGB}; reading the raster's bytes directly takes about 1 ms. The
 * frame is then first searched at half size (2×2 pixels averaged, which also smooths sensor noise): a code held
 * up to the camera has 4–8 px modules, still 2–4 px at half size, and binarising and searching a quarter of the
 * pixels is about 3× faster. Only when nothing is found there is the full frame searched, so small codes are
 * not lost; a frame without a code costs both passes.
 */
public final class ImageDecoder {

    private static final Map<DecodeHintType, Object> HINTS = Map.of(
            DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE),
            DecodeHintType.CHARACTER_SET, "UTF-8");
    /** Larger pictures are read subsampled (4 MP: 2560×1600; a 1280×720 camera frame is 0.9 MP). */
    static final int MAX_PIXELS = 4_000_000;
    /** Pictures at least this long on their long side are first searched scaled down. */
    private static final int SCALE_DOWN_FROM = 1000;
    /** The scaled-down search aims at about this many pixels on the long side. */
    private static final int SCALED_LONG_SIDE = 800;

    private ImageDecoder() {
    }

    /**
     * The image, or empty if the bytes are no image ImageIO can read (PNG, JPEG, BMP, GIF). Pictures over
     * {@link #MAX_PIXELS} (a phone's 12–50 MP photo) are read with every n-th pixel only: a code in such a photo is
     * large anyway, and a 5 MB file must not become hundreds of MB of heap (a few MB of PNG can claim any size).
     */
    static Optional<BufferedImage> image(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                double pixels = (double) reader.getWidth(0) * reader.getHeight(0);
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (int) Math.ceil(Math.sqrt(pixels / MAX_PIXELS));
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                return Optional.ofNullable(reader.read(0, param));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The text of the QR code in the image, or empty if there is none. */
    public static Optional<String> qrText(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] grey = luminance(image);
        int longSide = Math.max(width, height);
        if (longSide >= SCALE_DOWN_FROM) {
            int factor = Math.max(2, Math.round((float) longSide / SCALED_LONG_SIDE));
            int w = width / factor;
            int h = height / factor;
            Optional<String> found = decode(new PlanarYUVLuminanceSource(shrink(grey, width, height, factor), w, h, 0, 0, w, h, false));
            if (found.isPresent()) {
                return found;
            }
        }
        return decode(new PlanarYUVLuminanceSource(grey, width, height, 0, 0, width, height, false));
    }

    private static Optional<String> decode(LuminanceSource source) {
        try {
            // a new reader per call: it is cheap, and readers are not safe to share between request threads
            return Optional.of(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), HINTS).getText());
        } catch (ReaderException e) {
            return Optional.empty();
        }
    }

    /**
     * One grey byte per pixel, row by row, with ZXing's weights (0.299 R + 0.587 G + 0.114 B). Straight from the
     * raster for the types ImageIO gives camera frames (3-byte BGR from JPEG and PNG, packed int RGB, grey);
     * anything else (alpha, palettes, 16 bit) through ZXing's own conversion.
     */
    static byte[] luminance(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        Raster raster = image.getRaster();
        int dx = -raster.getSampleModelTranslateX();
        int dy = -raster.getSampleModelTranslateY();
        byte[] grey = new byte[width * height];
        int type = image.getType();
        if ((type == BufferedImage.TYPE_3BYTE_BGR || type == BufferedImage.TYPE_BYTE_GRAY)
                && raster.getDataBuffer() instanceof DataBufferByte buffer && buffer.getNumBanks() == 1
                && raster.getSampleModel() instanceof ComponentSampleModel model) {
            byte[] data = buffer.getData();
            int stride = model.getScanlineStride();
            int step = model.getPixelStride();
            int[] offsets = model.getBandOffsets();
            int base = buffer.getOffset() + dy * stride + dx * step;
            for (int y = 0, out = 0; y < height; y++) {
                int at = base + y * stride;
                if (type == BufferedImage.TYPE_BYTE_GRAY) {
                    System.arraycopy(data, at + offsets[0], grey, out, width);
                    out += width;
                    continue;
                }
                for (int x = 0; x < width; x++, at += step) {
                    // bands of TYPE_3BYTE_BGR are R, G, B at offsets 2, 1, 0
                    grey[out++] = grey(data[at + offsets[0]] & 0xFF, data[at + offsets[1]] & 0xFF, data[at + offsets[2]] & 0xFF);
                }
            }
            return grey;
        }
        if (type == BufferedImage.TYPE_INT_RGB && raster.getDataBuffer() instanceof DataBufferInt buffer
                && buffer.getNumBanks() == 1 && raster.getSampleModel() instanceof SinglePixelPackedSampleModel model) {
            int[] data = buffer.getData();
            int stride = model.getScanlineStride();
            int base = buffer.getOffset() + dy * stride + dx;
            for (int y = 0, out = 0; y < height; y++) {
                for (int x = 0, at = base + y * stride; x < width; x++, at++) {
                    int rgb = data[at];
                    grey[out++] = grey((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
                }
            }
            return grey;
        }
        return new BufferedImageLuminanceSource(image).getMatrix();
    }

    private static byte grey(int r, int g, int b) {
        return (byte) ((r * 306 + g * 601 + b * 117 + 0x200) >> 10);
    }

    /** Averages factor × factor blocks; the last columns and rows that do not fill a block are left out. */
    static byte[] shrink(byte[] grey, int width, int height, int factor) {
        int w = width / factor;
        int h = height / factor;
        int cells = factor * factor;
        byte[] out = new byte[w * h];
        int[] sums = new int[w];
        for (int y = 0; y < h; y++) {
            java.util.Arrays.fill(sums, 0);
            for (int row = y * factor; row < (y + 1) * factor; row++) {
                int at = row * width;
                for (int x = 0; x < w; x++) {
                    int sum = 0;
                    for (int i = 0; i < factor; i++) {
                        sum += grey[at++] & 0xFF;
                    }
                    sums[x] += sum;
                }
            }
            for (int x = 0; x < w; x++) {
                out[y * w + x] = (byte) ((sums[x] + cells / 2) / cells);
            }
        }
        return out;
    }
}
