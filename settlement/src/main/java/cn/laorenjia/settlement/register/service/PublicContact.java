package cn.laorenjia.settlement.register.service;

import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCodes;
import cn.laorenjia.settlement.error.InvalidRequest;

import java.util.regex.Pattern;

/**
 * What the public page (信息公开) says about a canteen besides what the register already holds: its opening hours, as
 * an administrator writes them (e.g. 周一至周六 11:00-13:00), and a telephone number for the public. Either may be
 * blank (null): the page then says 未登记. Checked here, in the form the database also insists on (V28).
 */
public record PublicContact(String openingHours, String publicPhone) {

    public static final int MAX_OPENING_HOURS = 60;
    /** A landline with its area code and hyphens (022-29241234), a mobile number, or a short hotline (12345). */
    private static final Pattern PHONE = Pattern.compile("^[0-9][0-9-]{2,18}[0-9]$");

    public PublicContact {
        openingHours = openingHours == null || openingHours.isBlank() ? null : openingHours.strip();
        if (openingHours != null && (openingHours.length() > MAX_OPENING_HOURS
                || openingHours.codePoints().anyMatch(Character::isISOControl))) {
            throw InvalidRequest.of("openingHours", "请求内容无效：营业时间最多 " + MAX_OPENING_HOURS + " 个字，且不能换行");
        }
        publicPhone = phone(publicPhone, "publicPhone");
    }

    /** A public telephone number in its stored form, or null when blank; {@code INVALID_PHONE_NUMBER} otherwise. */
    public static String phone(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String p = value.strip().replace(' ', '-');
        if (!PHONE.matcher(p).matches() || p.contains("--")) {
            throw new ApiException(ErrorCodes.INVALID_PHONE_NUMBER,
                    "电话号码格式不正确：请填写数字，区号与号码之间可用“-”分隔，如 022-29241234 或 12345",
                    java.util.Map.of("field", field));
        }
        return p;
    }
}
