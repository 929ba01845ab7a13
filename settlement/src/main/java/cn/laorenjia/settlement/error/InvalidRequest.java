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
     * A value object of the core refused a value of the request (its IllegalArgumentException or DateTimeException).
     * The core's own messages name the field and rule (English, never a full ID number) and are passed on; the text
     * of an exception from anywhere else (the JDK's date, UUID or enum parsing, a library) never reaches the caller:
     * it names classes and internals. Those get our own wording.
     */
    public static InvalidRequest refused(RuntimeException e, String field) {
        String reason = ourOwnMessage(e) ? e.getMessage()
                : e instanceof DateTimeException ? "日期或时间无效（须为存在的日期，格式如 2024-03-01）" : "取值无效";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", reason);
        if (field != null) {
            details.put("field", field);
        }
        return new InvalidRequest("请求内容无效：" + (field == null ? "" : "字段 " + field + " ") + reason, details);
    }

    /** Whether the exception was raised, with a message, by this project's code (the core's value objects). */
    static boolean ourOwnMessage(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return e.getMessage() != null && trace.length > 0 && trace[0].getClassName().startsWith("cn.laorenjia.");
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
