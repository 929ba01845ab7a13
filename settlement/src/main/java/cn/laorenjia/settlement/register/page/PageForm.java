package cn.laorenjia.settlement.register.page;

import cn.laorenjia.core.money.Money;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCodes;
import cn.laorenjia.settlement.error.InvalidRequest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a page's form, as its script sends them (every value a string), read with Chinese messages that name
 * the field as the page labels it. The one place where a page's dates become the register's: a LAST DAY on the page
 * (inclusive, what a clerk reads on a paper) is the day before the stored exclusive end, and back.
 */
final class PageForm {

    private final Map<String, String> fields;

    PageForm(Map<String, String> fields) {
        if (fields == null) {
            throw new ApiException(ErrorCodes.MALFORMED_REQUEST, "请求体不能为空");
        }
        this.fields = fields;
    }

    /** The field, stripped; empty when absent or blank. */
    Optional<String> text(String name) {
        String v = fields.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    String required(String name, String label) {
        return text(name).orElseThrow(() -> InvalidRequest.of(name, "请填写" + label));
    }

    Optional<LocalDate> date(String name, String label) {
        return text(name).map(v -> parseDate(name, label, v));
    }

    LocalDate requiredDate(String name, String label) {
        return date(name, label).orElseThrow(() -> InvalidRequest.of(name, "请填写" + label));
    }

    /** A last day (inclusive) on the page, as the register's exclusive end: the day after. */
    Optional<LocalDate> lastDayAsExclusiveEnd(String name, String label) {
        return date(name, label).map(d -> d.plusDays(1));
    }

    Money yuan(String name, String label) {
        String v = required(name, label);
        try {
            Money m = Money.parseYuan(v);
            if (m.isNegative()) {
                throw InvalidRequest.of(name, label + "不能为负数");
            }
            return m;
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw InvalidRequest.of(name, label + "格式不正确：请填写金额（元），最多两位小数，如 15.00");
        }
    }

    <E extends Enum<E>> E choice(Class<E> type, String name, String label) {
        String v = required(name, label);
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw InvalidRequest.of(name, label + "的取值无效");
        }
    }

    /** The last day shown for a stored exclusive end (null while the period is open). */
    static String lastDayOf(LocalDate exclusiveEnd) {
        return exclusiveEnd == null ? "" : exclusiveEnd.minusDays(1).toString();
    }

    private static LocalDate parseDate(String name, String label, String v) {
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw InvalidRequest.of(name, label + "不是有效的日期：请按 年-月-日 填写，如 2026-12-03");
        }
    }
}
