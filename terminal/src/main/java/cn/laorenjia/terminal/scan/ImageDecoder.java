package cn.laorenjia.terminal.scan;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * QR codes from a camera frame or an uploaded picture. Only QR is tried: most camera frames hold no code, and
 * looking for every format there costs ~20× more (measured). HybridBinarizer copes with uneven light.
 */
final class ImageDecoder {

    private static final Map<DecodeHintType, Object> HINTS = Map.of(
            DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE),
            DecodeHintType.CHARACTER_SET, "UTF-8");

    private ImageDecoder() {
    }

    /** The image, or empty if the bytes are no image ImageIO can read (PNG, JPEG, BMP, GIF). */
    static Optional<BufferedImage> image(byte[] bytes) {
        try {
            return Optional.ofNullable(ImageIO.read(new ByteArrayInputStream(bytes)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The text of the QR code in the image, or empty if there is none. */
    static Optional<String> qrText(BufferedImage image) {
        try {
            return Optional.of(new MultiFormatReader().decode(
                    new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))), HINTS).getText());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }
}
