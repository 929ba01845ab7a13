package cn.laorenjia.settlement.error;

import cn.laorenjia.contract.error.ApiError;
import cn.laorenjia.core.refusal.InvalidEntryException;
import cn.laorenjia.core.senior.InvalidIdNumberException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import cn.laorenjia.settlement.availability.DatabaseConfig;
import cn.laorenjia.settlement.availability.DatabaseFailures;
import cn.laorenjia.settlement.availability.DatabaseIncidents;
import cn.laorenjia.settlement.security.SignInLocked;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import cn.laorenjia.settlement.web.SignInRedirect;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.CharConversionException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns every failure into one {@link ApiError} body. The family, most specific first:
 * {@link ApiException} as thrown, with the status {@link ErrorCatalogue} gives its code; an invalid ID
 * number; Bean Validation's refusal of a request; malformed JSON (and a value a record of the request
 * refuses while it is read); JAX-RS errors (unknown path, wrong media type); authentication and
 * authorisation; database constraint violations that a race let through the service's own checks; a database
 * that failed or stalls (503 with Retry-After, one log line); and a
 * last resort that logs an incident id and tells the caller nothing else. An IllegalArgumentException,
 * IllegalStateException or any other exception that escapes a service is that last resort, a 500: bad
 * input is refused as an {@link InvalidRequest} where the request is read, never by accident.
 */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    /**
     * Where a 401 sends a browser that navigated to a page (the sign-in page). No Basic challenge is offered: it
     * would make browsers prompt and then attach the password to cross-site requests too.
     */
    @Inject
    SignInRedirect signIn;

    @Inject
    DatabaseIncidents incidents;

    @Inject
    DatabaseConfig database;

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        OptionalInt status = ErrorCatalogue.status(e.code(), uri == null ? null : uri.getPath());
        if (status.isEmpty()) {
            // a code nobody catalogued is a bug of the server (a test keeps every code in the catalogue)
            return incident(new IllegalStateException("error code not in the catalogue: " + e.code(), e));
        }
        return respond(status.getAsInt(), e.toError());
    }

    @ServerExceptionMapper
    public Response invalidIdNumber(InvalidIdNumberException e) {
        return respond(invalidIdNumberError(e));
    }

    @ServerExceptionMapper
    public Response invalidEntry(InvalidEntryException e) {
        return respond(invalidEntryError(e));
    }

    /**
     * Bean Validation's refusal of a request: the constraints on a resource method's parameters and on the
     * request records. 400 INVALID_REQUEST, the constraint's Chinese message, {@code details.field} the first
     * field refused (JSON path, e.g. {@code menu[0].priceFen}). A constraint on what a resource method returns,
     * or a violation raised by a service's own validation (a plain ConstraintViolationException), is the
     * server's fault: a 500. Listed with Quarkus's subtype, which has a built-in mapper of its own.
     */
    @ServerExceptionMapper({ConstraintViolationException.class, ResteasyReactiveViolationException.class})
    public Response constraintViolation(ConstraintViolationException e) {
        List<ConstraintViolation<?>> violations = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString())).toList();
        if (!(e instanceof ResteasyReactiveViolationException) || violations.isEmpty()
                || !violations.stream().allMatch(ApiExceptionMappers::isOfTheRequest)) {
            return incident(e);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        String field = requestField(violations.get(0));
        if (!field.isEmpty()) {
            details.put("field", field);
        }
        String message = violations.stream().map(ConstraintViolation::getMessage).distinct()
                .collect(Collectors.joining("；"));
        return respond(new ApiError(ErrorCodes.INVALID_REQUEST, message, details));
    }

    /**
     * Jackson failures. Listed one by one because Quarkus REST has built-in mappers for some of these
     * types, and the most specific mapper wins. A record constructor that refuses a value arrives here
     * wrapped in a {@link ValueInstantiationException}: unwrap it so the caller learns the real reason.
     */
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, InvalidFormatException.class, ValueInstantiationException.class})
    public Response json(JsonProcessingException e, UriInfo uri) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException api) {
                return api(api, uri);
            }
            if (cause instanceof InvalidIdNumberException invalid) {
                return respond(invalidIdNumberError(invalid));
            }
            if (cause instanceof InvalidEntryException invalid) {
                return respond(invalidEntryError(invalid));
            }
            if (cause instanceof IllegalArgumentException || cause instanceof DateTimeException) {
                // a well-formed value that a record of the request refuses while it is read, such as
                // 2024-02-30: the request is invalid, not malformed (and the server is not at fault)
                return respond(InvalidRequest.refused((RuntimeException) cause, fieldOf(e).orElse(null)).toError());
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        fieldOf(e).ifPresent(field -> details.put("field", field));
        if (e.getLocation() != null) {
            details.put("line", e.getLocation().getLineNr());
            details.put("column", e.getLocation().getColumnNr());
        }
        return respond(new ApiError(ErrorCodes.MALFORMED_REQUEST, "请求格式错误：不是有效的JSON，或字段类型不符", details));
    }

    /**
     * Bytes that are not text in any encoding Jackson detects (found by fuzzing: a body starting with NUL bytes
     * is taken for UTF-32 and then fails with CharConversionException, an IOException that no JSON mapper saw).
     */
    @ServerExceptionMapper({CharConversionException.class, CharacterCodingException.class})
    public Response undecodable(IOException e) {
        return respond(ApiError.of(ErrorCodes.MALFORMED_REQUEST, "请求格式错误：内容不是有效的UTF-8文本"));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, HttpServerRequest request) {
        // Quarkus REST reports an unreadable body as a 400 whose cause is Jackson's exception
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return json(json, uri);
            }
        }
        if (e instanceof NotFoundException && e.getCause() != null && !(e.getCause() instanceof WebApplicationException)) {
            return respond(invalidParameterError(e.getCause()));
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        ApiError error = switch (status) {
            case 400 -> ApiError.of(ErrorCodes.MALFORMED_REQUEST, "请求格式错误");
            case 401 -> ApiError.of(ErrorCodes.UNAUTHENTICATED, "请先登录，或提供终端凭证");
            case 403 -> ApiError.of(ErrorCodes.FORBIDDEN, "无权执行此操作");
            case 404 -> ApiError.of(ErrorCodes.NOT_FOUND, "未找到请求的资源");
            case 405 -> ApiError.of(ErrorCodes.METHOD_NOT_ALLOWED, "不支持此请求方法");
            case 406 -> ApiError.of(ErrorCodes.NOT_ACCEPTABLE, "无法提供所要求的应答格式");
            case 413 -> ApiError.of(ErrorCodes.REQUEST_TOO_LARGE, "请求内容过大");
            case 415 -> ApiError.of(ErrorCodes.UNSUPPORTED_MEDIA_TYPE, "请求内容类型不受支持，请使用 application/json");
            default -> status >= 500 ? null : ApiError.of("HTTP_" + status, "请求无法处理");
        };
        if (error == null) {
            return incident(e);
        }
        return status == 401 ? unauthenticated(request) : respond(status, error);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class, SignInLocked.class})
    public Response unauthorized(RuntimeException e, HttpServerRequest request) {
        boolean signInForm = request != null && signIn.isSignInPost(request);
        for (Throwable cause = e; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof SignInLocked locked) {
                return signInForm ? refusedSignIn(locked) : signInLocked(locked);
            }
        }
        if (signInForm) {
            return refusedSignIn(null);
        }
        return unauthenticated(request);
    }

    /** The sign-in page's form refused: back to the page, which says why. */
    private Response refusedSignIn(SignInLocked locked) {
        return Response.status(Response.Status.FOUND).header(HttpHeaders.LOCATION, signIn.refusedSignIn(locked)).build();
    }

    /** Too many failed sign-ins: 429 with Retry-After, the credential not even checked. */
    static Response signInLocked(SignInLocked locked) {
        long seconds = locked.retryAfterSeconds();
        return Response.status(ErrorCatalogue.status(ErrorCodes.SIGN_IN_LOCKED).orElseThrow())
                .header(HttpHeaders.RETRY_AFTER, seconds)
                .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .entity(new ApiError(ErrorCodes.SIGN_IN_LOCKED, locked.messageZh(),
                        Map.of("retryAfterSeconds", seconds)))
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(ApiError.of(ErrorCodes.FORBIDDEN, "无权执行此操作"));
    }

    /**
     * Last resort. Database constraint violations get a 4xx (the service checks first; this covers the
     * race between two administrators). Anything else, an IllegalArgumentException from a service included:
     * a 500 that names only an incident id, which is logged with the full exception for whoever runs the service.
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        java.util.Optional<String> unavailable = DatabaseFailures.unavailability(e);
        if (unavailable.isPresent()) {
            return databaseUnavailable(e, unavailable.get(), request);
        }
        String sqlState = sqlState(e);
        if (sqlState != null) {
            if (sqlState.equals("23505")) {
                return respond(ApiError.of(ErrorCodes.DUPLICATE, "与已有记录重复"));
            }
            if (sqlState.startsWith("23") || sqlState.startsWith("22")) {
                return respond(ApiError.of(ErrorCodes.INVALID_REQUEST, "请求内容不符合数据约束"));
            }
        }
        return incident(e);
    }

    /**
     * The database failed or stalled: 503 with Retry-After, so that a counter keeps the sale and sends it again with
     * the same id (exactly once), and one log line ({@link DatabaseIncidents}: the stack trace once per incident).
     */
    Response databaseUnavailable(Throwable e, String reason, HttpServerRequest request) {
        String where = request == null ? "a request" : request.method() + " " + request.path();
        String incident = incidents.failed(e, reason, where);
        long seconds = Math.max(1, database.retryAfter().toSeconds());
        return Response.status(ErrorCatalogue.status(ErrorCodes.DATABASE_UNAVAILABLE).orElseThrow())
                .header(HttpHeaders.RETRY_AFTER, seconds)
                .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .entity(new ApiError(ErrorCodes.DATABASE_UNAVAILABLE, "结算中心数据库暂时不可用，请稍后重试（用同一单号重试不会重复记账）",
                        Map.of("retryAfterSeconds", seconds, "incident", incident)))
                .build();
    }

    /** A 500 INTERNAL_ERROR whose {@code details.incident} names the log entry holding the stack trace. */
    static Response incident(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure, incident %s", incident);
        return respond(new ApiError(ErrorCodes.INTERNAL_ERROR, "服务器内部错误，请稍后重试",
                Map.of("incident", incident)));
    }

    /** A page a browser navigated to: the sign-in page, which returns here; anything else: 401 and the error body. */
    Response unauthenticated(HttpServerRequest request) {
        if (request != null && SignInRedirect.isPageNavigation(request, request.path())) {
            return Response.status(Response.Status.FOUND).header(HttpHeaders.LOCATION, SignInRedirect.SIGN_IN_PAGE)
                    .header(HttpHeaders.SET_COOKIE, signIn.locationCookie(request).encode())
                    .build();
        }
        return Response.status(ErrorCatalogue.status(ErrorCodes.UNAUTHENTICATED).getAsInt())
                .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .header(HttpHeaders.WWW_AUTHENTICATE, SignInRedirect.TERMINAL_CHALLENGE)
                .entity(ApiError.of(ErrorCodes.UNAUTHENTICATED, SignInRedirect.UNAUTHENTICATED_ZH))
                .build();
    }

    /** An error answered with the status the catalogue gives its code. */
    static Response respond(ApiError error) {
        return respond(ErrorCatalogue.status(error.code()).orElseThrow(
                () -> new IllegalStateException("error code not in the catalogue: " + error.code())), error);
    }

    static Response respond(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).entity(error).build();
    }

    static ApiError invalidIdNumberError(InvalidIdNumberException e) {
        return new ApiError(ErrorCodes.INVALID_ID_NUMBER, e.messageZh(), Map.of("reason", e.code().name()));
    }

    /** A code, card identifier, phone number or name not of its form: the code says which, details.field what. */
    static ApiError invalidEntryError(InvalidEntryException e) {
        return new ApiError(e.code().name(), e.messageZh(), Map.of("field", e.subject()));
    }

    /**
     * A path or query parameter that cannot be converted to its type: a sale id that is not a UUID
     * ({@code POST /api/meals/not-a-uuid/void}), a senior id that is not a number, a day that is not a date.
     * Quarkus REST reports it, as the JAX-RS specification says, as a 404 NotFoundException whose cause is the
     * converter's exception (the only 404 it makes with a cause; an unknown path has none). But the resource
     * was found: it is the request that is wrong, so 400 INVALID_REQUEST, as for the same mistake in a body.
     */
    static ApiError invalidParameterError(Throwable cause) {
        // the converter's own text (a JDK or Quarkus message naming classes) is logged, never answered
        LOG.debugf("Path or query parameter refused: %s", cause);
        return new ApiError(ErrorCodes.INVALID_REQUEST,
                "请求地址中的参数格式不正确（如交易编号应为UUID，编号应为数字，日期应为YYYY-MM-DD），请核对后重试",
                Map.of("reason", "路径或查询参数的格式不正确"));
    }

    /** A violation of a constraint on a resource method's parameter (or inside it): the request's fault. */
    private static boolean isOfTheRequest(ConstraintViolation<?> violation) {
        for (jakarta.validation.Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return false;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                return true;
            }
        }
        return false;
    }

    /** The JSON path of the refused value inside the request, e.g. "menu[0].priceFen"; empty for the body itself. */
    private static String requestField(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        boolean inside = false;
        for (jakarta.validation.Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                inside = true;
                continue;
            }
            if (!inside) {
                continue;
            }
            if (node.getIndex() != null || node.getKey() != null) {
                // the index belongs to the container, which the previous node named
                field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return field.toString();
    }

    /** The JSON path of the offending field, e.g. "facts.[0].from". */
    private static java.util.Optional<String> fieldOf(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return java.util.Optional.of(mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")));
        }
        return java.util.Optional.empty();
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
