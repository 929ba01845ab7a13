package cn.laorenjia.settlement.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;
import java.util.Objects;

/**
 * The one shape of every error answer: a stable English {@code code} for programs (terminals switch on
 * it), a Chinese {@code message} for the person at the screen, and optional machine-readable
 * {@code details} (e.g. {@code {"reason":"CHECK_DIGIT"}} or the eligibility reasons).
 *
 * <p>Codes are part of the API contract: once published, a code is never renamed or reused.
 */
@Schema(name = "ApiError", description = "错误应答 (error answer): stable code, Chinese message, optional details",
        example = "{\"code\":\"INVALID_ID_NUMBER\",\"message\":\"身份证号码校验位不正确\",\"details\":{\"reason\":\"CHECK_DIGIT\"}}")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(
        @Schema(description = "stable error code, UPPER_SNAKE_CASE", example = "INVALID_ID_NUMBER") String code,
        @Schema(description = "中文提示, for the cashier or administrator", example = "身份证号码校验位不正确") String message,
        @Schema(description = "machine-readable details; absent when there are none") Map<String, Object> details) {

    public ApiError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static ApiError of(String code, String message) {
        return new ApiError(code, message, Map.of());
    }
}
