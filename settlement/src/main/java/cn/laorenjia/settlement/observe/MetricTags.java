package cn.laorenjia.settlement.observe;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tag values that keep a metric's series few and free of personal data: only the service's own stable codes (upper
 * case with underscores, as error and audit codes are written) pass; anything else becomes {@link #OTHER}.
 */
public final class MetricTags {

    public static final String NONE = "NONE";
    public static final String OTHER = "OTHER";
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private MetricTags() {
    }

    /** A stable code as it is, {@link #NONE} for none, {@link #OTHER} for anything that is not a code. */
    public static String code(String code) {
        if (code == null || code.isEmpty()) {
            return NONE;
        }
        return CODE.matcher(code).matches() ? code : OTHER;
    }

    /** An outcome such as SUBSIDISED as the lower-case tag value {@code subsidised}. */
    public static String outcome(String status) {
        return code(status).toLowerCase(Locale.ROOT);
    }
}
