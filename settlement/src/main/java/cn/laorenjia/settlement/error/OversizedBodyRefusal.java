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

    private final long limit;
    private final byte[] answer;
    private final byte[] lengthRequired;

    public OversizedBodyRefusal(ObjectMapper json,
                                @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize)
            throws JsonProcessingException {
        this.limit = maxBodySize.asLongValue();
        this.answer = json.writeValueAsBytes(new ApiError(ErrorCodes.REQUEST_TOO_LARGE, "请求内容过大",
                Map.of("maxBytes", limit)));
        this.lengthRequired = json.writeValueAsBytes(new ApiError(ErrorCodes.LENGTH_REQUIRED,
                "请求须注明内容长度（Content-Length），不接受分块传输的请求内容", Map.of("maxBytes", limit)));
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::refuseDeclaredOversize);
    }

    private void refuseDeclaredOversize(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && isOver(declared)) {
            context.response().setStatusCode(ErrorCatalogue.status(ErrorCodes.REQUEST_TOO_LARGE).getAsInt())
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8")
                    // the unread body would otherwise be parsed as the next request on this connection
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(io.vertx.core.buffer.Buffer.buffer(answer));
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

    private boolean isOver(String declared) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // not ours to judge: the HTTP layer refuses a malformed length itself
        }
    }
}
