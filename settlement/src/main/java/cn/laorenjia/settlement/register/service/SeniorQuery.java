package cn.laorenjia.settlement.register.service;

import cn.laorenjia.settlement.error.InvalidRequest;

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

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
