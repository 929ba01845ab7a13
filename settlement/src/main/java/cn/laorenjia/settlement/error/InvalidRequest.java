package cn.laorenjia.settlement.error;

import java.time.DateTimeException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The request itself is wrong: a field missing, a value the rules refuse, a list too long. Always
 * {@code INVALID_REQUEST}; {@code details.field} names the field when there is one. Only this type (and the
 * few codes of the catalogue that mean bad input) answers 400: an IllegalArgumentException that escapes a
 * service is a bug of the server and answers 500.
 */
public final class InvalidRequest extends ApiException {

    public InvalidRequest(String messageZh) {
        super(ErrorCodes.INVALID_REQUEST, messageZh);
    }

    public InvalidRequest(String messageZh, Map<String, Object> details) {
        super(ErrorCodes.INVALID_REQUEST, messageZh, details);
    }

    /** A value refused, naming its field. */
    public static InvalidRequest of(String field, String messageZh) {
        return new InvalidRequest(messageZh, Map.of("field", field));
    }

    /** A required field left out or null. */
    public static InvalidRequest missing(String field) {
        return of(field, "请求内容无效：缺少必填字段 " + field);
    }

    /** A text field whose value is none of those allowed (an enum). */
    public static InvalidRequest unknownValue(String field) {
        return of(field, "请求内容无效：" + field + " 的取值无效");
    }

    /**
     * A value object of the core refused a value of the request (its IllegalArgumentException or
     * DateTimeException). Their messages are English and name the field and rule, never a full ID number.
     */
    public static InvalidRequest refused(RuntimeException e, String field) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", reason);
        if (field != null) {
            details.put("field", field);
        }
        return new InvalidRequest("请求内容无效：" + reason, details);
    }

    /**
     * Turns the request's values into value objects: there, and only there, the core's refusal
     * (IllegalArgumentException, DateTimeException) is the client's mistake, and answers as one.
     */
    public static <T> T converting(Supplier<T> conversion) {
        try {
            return conversion.get();
        } catch (IllegalArgumentException | DateTimeException e) {
            throw refused(e, null);
        }
    }
}
