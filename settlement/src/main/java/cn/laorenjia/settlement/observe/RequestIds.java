package cn.laorenjia.settlement.observe;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every HTTP request an id (README "运行监控与日志"): a well-formed incoming {@value #HEADER} (a reverse proxy's or
 * a counter's) is kept, anything else is replaced by a new UUID. The id is put in the logging MDC as
 * {@value #MDC_KEY} (Quarkus keeps the MDC in the request's Vert.x context, so every log line of the request carries
 * it, on the event loop and on the worker thread alike: the console format prints {@code %X{requestId}}, the JSON
 * format its "mdc" object), answered in the response's {@value #HEADER}, and written by the access log.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** What a client may choose: letters, digits and . _ - (a UUID, a proxy's hex id); nothing that could forge a log line. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    void install(@Observes Router router) {
        // first of all the routes: refusals by the browser defences and by sign-in carry the id too
        router.route().order(Integer.MIN_VALUE).handler(this::handle);
    }

    void handle(RoutingContext context) {
        String id = accepted(context.request().getHeader(HEADER));
        MDC.put(MDC_KEY, id);
        context.response().headers().set(HEADER, id);
        context.next();
    }

    /** The incoming id when it is well-formed, else a new one. */
    public static String accepted(String incoming) {
        return incoming != null && ACCEPTED.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }
}
