package cn.laorenjia.settlement.error;

import cn.laorenjia.contract.error.ApiError;
import java.util.Map;
import java.util.Objects;

/**
 * A refusal the API answers deliberately: HTTP status, stable code, Chinese message, optional details.
 * Throw it from services and resources; {@link ApiExceptionMappers} turns it into an {@link ApiError}
 * body, and because it is a RuntimeException a surrounding {@code @Transactional} rolls back, so an
 * error never leaves a half-made change behind.
 *
 * <p>The exception message (for logs) is the code, never the details: details may name a person.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String messageZh;
    private final Map<String, Object> details;

    public ApiException(int status, String code, String messageZh) {
        this(status, code, messageZh, Map.of());
    }

    public ApiException(int status, String code, String messageZh, Map<String, Object> details) {
        super(code, null, false, false); // expected refusals: no stack trace to fill, nothing to log at error level
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an ApiException needs a 4xx or 5xx status, got " + status);
        }
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.messageZh = Objects.requireNonNull(messageZh, "messageZh");
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static ApiException badRequest(String code, String messageZh) {
        return new ApiException(400, code, messageZh);
    }

    public static ApiException notFound(String code, String messageZh) {
        return new ApiException(404, code, messageZh);
    }

    public static ApiException conflict(String code, String messageZh) {
        return new ApiException(409, code, messageZh);
    }

    public static ApiException forbidden(String code, String messageZh) {
        return new ApiException(403, code, messageZh);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String messageZh() {
        return messageZh;
    }

    public Map<String, Object> details() {
        return details;
    }

    public ApiError toError() {
        return new ApiError(code, messageZh, details);
    }
}
