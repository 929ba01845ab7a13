package cn.laorenjia.terminal.observe;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request to the counter's local server an id, as the central does (README "运行监控与日志"): a
 * well-formed incoming {@value #HEADER} is kept, else a new UUID; put in the logging MDC as {@value #MDC_KEY} (every log
 * line of the request carries it), answered in {@value #HEADER}, written by the access log.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** Letters, digits and . _ - only: nothing that could forge a log line. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    void install(@Observes Router router) {
        // first of all the routes: the counter guard's refusals carry the id too
        router.route().order(Integer.MIN_VALUE).handler(this::handle);
    }

    void handle(RoutingContext context) {
        String incoming = context.request().getHeader(HEADER);
        String id = incoming != null && ACCEPTED.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
        MDC.put(MDC_KEY, id);
        context.response().headers().set(HEADER, id);
        context.next();
    }
}
