package cn.laorenjia.terminal.scan;

import cn.laorenjia.terminal.identify.IdentificationFailed;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.awt.image.BufferedImage;
import java.time.Clock;
import java.util.Optional;

/**
 * Scans for the cashier page: text from a keyboard-wedge scanner (the page recognises a scan by keystroke
 * timing and posts it here as JSON; never text/plain, which any web page may send cross-site) and frames from a
 * camera or an uploaded picture. 200 with the outcome when accepted, 422 with the same shape when refused, 413 for
 * an image over the limit.
 */
@Path("/api/scan")
@Produces(MediaType.APPLICATION_JSON)
public class ScanResource {

    private final QrScanner scanner;
    private final ScanConfig config;
    private final Event<IdentificationFailed> failed;
    private final Clock clock;

    public ScanResource(QrScanner scanner, ScanConfig config, Event<IdentificationFailed> failed, Clock clock) {
        this.scanner = scanner;
        this.clock = clock;
        this.config = config;
        this.failed = failed;
    }

    public record ScanText(String text) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response scanJson(ScanText body) {
        return answer(scanner.scan(body == null ? null : body.text()));
    }

    @POST
    @Path("/image")
    @Consumes("image/*") // the picture's bytes say which format it is; never a form or text body
    public Response scanImage(byte[] image) {
        if (image == null || image.length == 0) {
            return refuse(400, "IMAGE_UNREADABLE", "没有收到图片，请重新拍摄或上传");
        }
        if (image.length > config.maxImageBytes()) {
            return refuse(413, "IMAGE_TOO_LARGE", "图片太大，请缩小后重新上传");
        }
        Optional<BufferedImage> decoded = ImageDecoder.image(image);
        if (decoded.isEmpty()) {
            return refuse(400, "IMAGE_UNREADABLE", "无法识别图片格式，请上传PNG或JPEG图片");
        }
        Optional<String> text = ImageDecoder.qrText(decoded.get());
        if (text.isEmpty()) {
            return refuse(422, "QR_NOT_FOUND", "画面中没有找到二维码，请把二维码对准摄像头并保持不动");
        }
        return answer(scanner.scan(text.get()));
    }

    private Response refuse(int status, String code, String messageZh) {
        failed.fire(new IdentificationFailed(code, messageZh, clock.instant()));
        return Response.status(status).entity(ScanOutcome.refused(code, messageZh)).build();
    }

    private static Response answer(ScanOutcome outcome) {
        return Response.status(outcome.accepted() ? 200 : 422).entity(outcome).build();
    }
}
