package cn.laorenjia.settlement.register.service;

import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.core.senior.InvalidIdNumberException;
import cn.laorenjia.settlement.error.InvalidRequest;

import java.util.Locale;

/**
 * A search of the register.
 *
 * @param text a full ID number, a masked one ({@code 120224********123X}), its last four characters,
 *             or (part of) a name, where {@code *} stands for one hidden character ({@code 张*华})
 */
public record SeniorQuery(String district, String subdistrict, String text, int offset, int limit) {

    public static final int MAX_LIMIT = 200;

    public SeniorQuery {
        district = blankToNull(district);
        subdistrict = blankToNull(subdistrict);
        text = blankToNull(text);
        if (text != null && text.length() > 50) {
            throw new InvalidRequest("查询内容过长");
        }
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequest("分页参数无效：offset ≥ 0，limit 为 1 至 200");
        }
    }

    /** Whether the text is a whole, valid ID number: such a search is for administrators only, and audited. */
    public boolean byFullIdNumber() {
        if (text == null || text.length() != 18) {
            return false;
        }
        try {
            IdNumber.parse(text.toUpperCase(Locale.ROOT));
            return true;
        } catch (InvalidIdNumberException e) {
            return false;
        }
    }

    /** Whether the text is a whole mobile phone number (11 digits from 1): administrators only, and audited. */
    public boolean byPhone() {
        return text != null && text.matches("1\\d{10}");
    }

    /** The query as the audit keeps it: a full ID number masked. */
    public String describeMasked() {
        String shown = byFullIdNumber() ? IdNumber.parse(text.toUpperCase(Locale.ROOT)).masked()
                : byPhone() ? "*******" + text.substring(7) : text;
        return "district=" + district + ", subdistrict=" + subdistrict + ", q=" + shown + ", offset=" + offset
                + ", limit=" + limit;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
