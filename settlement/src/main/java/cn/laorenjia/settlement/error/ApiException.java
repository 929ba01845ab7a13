package cn.laorenjia.settlement.error;

import cn.laorenjia.contract.error.ApiError;
import java.util.Map;
import java.util.Objects;

/**
 * A refusal of the domain: a stable code, the Chinese message, optional details. It carries no HTTP
 * status: services say what went wrong, and {@link ErrorCatalogue} (the REST edge) says how that is
 * answered. {@link ApiExceptionMappers} turns it into an {@link ApiError} body, and because it is a
 * RuntimeException a surrounding {@code @Transactional} rolls back, so an error never leaves a
 * half-made change behind. Invalid input is the subtype {@link InvalidRequest}.
 *
 * <p>The exception message (for logs) is the code, never the details: details may name a person.
 */
public class ApiException extends RuntimeException {

    private final String code;
    private final String messageZh;
    private final Map<String, Object> details;

    public ApiException(String code, String messageZh) {
        this(code, messageZh, Map.of());
    }

    public ApiException(String code, String messageZh, Map<String, Object> details) {
        super(code, null, false, false); // expected refusals: no stack trace to fill, nothing to log at error level
        this.code = Objects.requireNonNull(code, "code");
        this.messageZh = Objects.requireNonNull(messageZh, "messageZh");
        this.details = details == null ? Map.of() : Map.copyOf(details);
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
