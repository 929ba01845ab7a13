package cn.laorenjia.settlement.audit;

import cn.laorenjia.settlement.error.InvalidRequest;

import java.time.LocalDate;

/**
 * An administrator's question to the audit. Every filter is optional; {@code from} and {@code to} are Beijing dates,
 * both inclusive.
 *
 * @param subject {@code kind:id} ({@code senior:42}, {@code terminal:BD-HB-01-T1}) or an id alone
 */
public record AuditQuery(String actor, String subject, String action, LocalDate from, LocalDate to, int page) {

    public static final int PAGE_SIZE = 50;

    public AuditQuery {
        actor = blankToNull(actor);
        subject = blankToNull(subject);
        action = blankToNull(action);
        if (page < 0 || page > 100_000) {
            throw new InvalidRequest("页码无效：page 为 0 至 100000");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new InvalidRequest("日期范围无效：to 不能早于 from");
        }
        for (String text : new String[]{actor, subject, action}) {
            if (text != null && text.length() > 100) {
                throw new InvalidRequest("查询内容过长");
            }
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
