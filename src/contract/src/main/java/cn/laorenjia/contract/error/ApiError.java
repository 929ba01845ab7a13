package cn.laorenjia.contract.error;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;
import java.util.Objects;

/**
 * The one shape of every error answer: a stable English {@code code} for programs (terminals switch on
 * it), a Chinese {@code message} for the person at the screen, and optional machine-readable
 * {@code details} (e.g. {@code {"reason":"CHECK_DIGIT"}} or the eligibility reasons).
 *
 * <p>Codes are part of the API contract: once published, a code is never renamed or reused.
 * Example: {@code {"code":"INVALID_ID_NUMBER","message":"身份证号码校验位不正确","details":{"reason":"CHECK_DIGIT"}}}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiError(String code, String message, Map<String, Object> details) {

    public ApiError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static ApiError of(String code, String message) {
        return new ApiError(code, message, Map.of());
    }
}
