package cn.laorenjia.settlement.error;

import cn.laorenjia.contract.error.ApiError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/**
 * A body declared larger than {@code quarkus.http.limits.max-body-size} gets the one error shape too.
 * Quarkus's own limit route ends such a request with a bare 413 before any exception mapper runs, so this
 * route sits just ahead of it and answers {@code REQUEST_TOO_LARGE} without reading the body.
 *
 * <p>A chunked body (no Content-Length) cannot be judged before it is read, and Quarkus's reader, when it
 * passes the limit, ends the response with a bare 413 (no body) before any mapper can answer. So a body
 * without a declared length is refused up front with {@code LENGTH_REQUIRED} (411) in the one error shape:
 * the terminals and the browser pages always declare the length.
 */
@ApplicationScoped
public class OversizedBodyRefusal {

    /** Where files are uploaded (the register's bulk import): their own, larger limit. */
    static final String UPLOAD_PATH = "/api/register/imports";

    private final long limit;
    private final long uploadLimit;
    private final byte[] answer;
    private final byte[] uploadAnswer;
    private final byte[] lengthRequired;

    /**
     * {@code quarkus.http.limits.max-body-size} is the larger upload limit (Quarkus applies one limit to every route);
     * every other route is held to {@code laorenjia.request.max-body-size} here, by its declared length.
     */
    public OversizedBodyRefusal(ObjectMapper json, RequestLimits limits,
                                @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxUploadSize)
            throws JsonProcessingException {
        this.limit = limits.maxBodySize().asLongValue();
        this.uploadLimit = maxUploadSize.asLongValue();
        this.answer = json.writeValueAsBytes(new ApiError(ErrorCodes.REQUEST_TOO_LARGE, "请求内容过大",
                Map.of("maxBytes", limit)));
        this.uploadAnswer = json.writeValueAsBytes(new ApiError(ErrorCodes.REQUEST_TOO_LARGE, "上传的文件过大",
                Map.of("maxBytes", uploadLimit)));
        this.lengthRequired = json.writeValueAsBytes(new ApiError(ErrorCodes.LENGTH_REQUIRED,
                "请求须注明内容长度（Content-Length），不接受分块传输的请求内容", Map.of("maxBytes", limit)));
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::refuseDeclaredOversize);
    }

    private void refuseDeclaredOversize(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean upload = context.normalizedPath().startsWith(UPLOAD_PATH);
        if (declared != null && isOver(declared, upload ? uploadLimit : limit)) {
            context.response().setStatusCode(ErrorCatalogue.status(ErrorCodes.REQUEST_TOO_LARGE).getAsInt())
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8")
                    // the unread body would otherwise be parsed as the next request on this connection
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(io.vertx.core.buffer.Buffer.buffer(upload ? uploadAnswer : answer));
            return;
        }
        String transfer = context.request().getHeader(HttpHeaders.TRANSFER_ENCODING);
        if (declared == null && transfer != null && transfer.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
            context.response().setStatusCode(ErrorCatalogue.status(ErrorCodes.LENGTH_REQUIRED).getAsInt())
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8")
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(io.vertx.core.buffer.Buffer.buffer(lengthRequired));
            return;
        }
        context.next();
    }

    private static boolean isOver(String declared, long limit) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // not ours to judge: the HTTP layer refuses a malformed length itself
        }
    }
}
