package cn.laorenjia.settlement.register.importing;

import cn.laorenjia.core.refusal.InvalidEntryException;
import cn.laorenjia.core.register.DisplayName;
import cn.laorenjia.core.senior.Fact;
import cn.laorenjia.core.senior.FactKind;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.core.senior.InvalidIdNumberException;
import cn.laorenjia.core.senior.Period;
import cn.laorenjia.core.senior.PersonName;
import cn.laorenjia.core.senior.PhoneNumber;
import cn.laorenjia.core.senior.SeniorFacts;
import cn.laorenjia.settlement.register.entity.Card;
import cn.laorenjia.settlement.register.service.NewSenior;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every check of a row, each a call into the rule the single-senior API applies (the core's value objects, the
 * service's {@link NewSenior}), turned into a row problem instead of an exception. One rule, one place: a check the
 * register API does not have yet (marked below) is a method of its own here, so that it is replaced by the API's
 * rule in one line once that exists.
 */
final class RowRules {

    private static final Pattern DATE = Pattern.compile(
            "(\\d{4})\\s*(?:[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?|(\\d{2})(\\d{2}))");

    private RowRules() {
    }

    static String cell(String[] cells, Column column) {
        String v = cells[column.ordinal()];
        return v == null || v.isBlank() ? null : v.strip();
    }

    static String required(String[] cells, Column column, RowCheck check) {
        String v = cell(cells, column);
        if (v == null) {
            check.add(column, ProblemCode.MISSING_VALUE, "请填写" + column.header());
        }
        return v;
    }

    /** The core's GB 11643 rules (length, characters, region, birth date, check digit), as the API parses it. */
    static IdNumber idNumber(String text, RowCheck check) {
        if (text == null) {
            return null;
        }
        try {
            return IdNumber.parse(text.toUpperCase(Locale.ROOT));
        } catch (InvalidIdNumberException e) {
            String hint = text.matches("\\d\\.\\d+E\\d+") ? "（单元格被存为数字，请将该列设为文本格式后重新填写）" : "";
            check.add(Column.ID_NUMBER, ProblemCode.INVALID_ID_NUMBER, e.messageZh() + hint);
            return null;
        }
    }

    /** A birth date after today: the register's own rule ({@link IdNumber#requireBornBy}), reported on the row. */
    static void birthDateNotInFuture(IdNumber id, LocalDate today, RowCheck check) {
        try {
            id.requireBornBy(today);
        } catch (InvalidIdNumberException e) {
            check.add(Column.ID_NUMBER, ProblemCode.BIRTH_DATE_IN_FUTURE, e.messageZh());
        }
    }

    static String name(String text, RowCheck check) {
        if (text == null) {
            return null;
        }
        try {
            return PersonName.requireValid(text);
        } catch (IllegalArgumentException e) {
            check.add(Column.NAME, ProblemCode.INVALID_NAME, "姓名须以文字开头和结尾，只能包含文字、间隔号（·）、空格、连字符，最长"
                    + PersonName.MAX_LENGTH + "个字");
            return null;
        }
    }

    static String phone(String text, RowCheck check) {
        try {
            return PhoneNumber.optional(text).map(PhoneNumber::value).orElse(null);
        } catch (InvalidEntryException e) {
            check.add(Column.PHONE, ProblemCode.INVALID_PHONE_NUMBER, e.messageZh());
            return null;
        }
    }

    static String place(DisplayName.Kind kind, Column column, String text, RowCheck check) {
        if (text == null) {
            return null;
        }
        try {
            return DisplayName.of(kind, text).value();
        } catch (InvalidEntryException e) {
            check.add(column, ProblemCode.INVALID_PLACE, e.messageZh());
            return null;
        }
    }

    /**
     * Whether the 街镇 is on its district's list (the table the register API checks through {@code Subdistricts}):
     * {@code known} is that list's active entries as "区/街镇", read once per file.
     */
    static void knownSubdistrict(String district, String subdistrict, Set<String> known, RowCheck check) {
        if (district != null && subdistrict != null && !known.contains(district + "/" + subdistrict)) {
            check.add(Column.SUBDISTRICT, ProblemCode.UNKNOWN_SUBDISTRICT,
                    "街镇“" + subdistrict + "”不在" + district + "的街镇名单中");
        }
    }

    /** A date as 民政's spreadsheets write it: 2024-03-01, 2024/3/1, 2024.3.1, 20240301, 2024年3月1日. */
    static LocalDate date(String[] cells, Column column, RowCheck check) {
        String text = cell(cells, column);
        if (text == null) {
            return null;
        }
        Matcher m = DATE.matcher(text);
        if (m.matches()) {
            try {
                int year = Integer.parseInt(m.group(1));
                return m.group(2) != null
                        ? LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
                        : LocalDate.of(year, Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
            } catch (DateTimeException e) {
                // falls through: a day that does not exist (2024-02-30)
            }
        }
        check.add(column, ProblemCode.INVALID_DATE, column.header() + "“" + text + "”不是有效日期（格式如 2024-03-01）");
        return null;
    }

    /** A date of the past or today (a death, a change 民政 reports, a card issued, a fact of the register). */
    static boolean notInFuture(LocalDate date, Column column, LocalDate today, RowCheck check) {
        if (date != null && date.isAfter(today)) {
            check.add(column, ProblemCode.FUTURE_DATE, column.header() + "（" + date + "）晚于今天");
            return false;
        }
        return true;
    }

    /** Nothing about a senior holds before they were born. */
    static boolean notBeforeBirth(LocalDate date, IdNumber id, Column column, RowCheck check) {
        if (date != null && id != null && date.isBefore(id.birthDate())) {
            check.add(column, ProblemCode.IMPOSSIBLE_DATE, column.header() + "（" + date + "）早于出生日期");
            return false;
        }
        return true;
    }

    /** The core's {@link Fact}: its value must fit its kind, its period must end after it starts. */
    static Optional<Fact> fact(FactKind kind, String value, LocalDate from, LocalDate toExclusive, Column column,
                               RowCheck check) {
        try {
            return Optional.of(new Fact(kind, value, Period.between(from, toExclusive)));
        } catch (IllegalArgumentException e) {
            check.add(column, ProblemCode.IMPOSSIBLE_DATE, kind.labelZh() + "的截止日期早于生效日期");
            return Optional.empty();
        }
    }

    /**
     * The core's rule against contradictory facts ({@link SeniorFacts}: one enrolment state, one disability level, one
     * low-income status, one grade a day, one death), which RegisterService applies to every senior and fact.
     */
    static boolean consistent(IdNumber id, List<Fact> facts, Column column, RowCheck check) {
        try {
            SeniorFacts.of(id, facts);
            return true;
        } catch (IllegalArgumentException e) {
            check.add(column, ProblemCode.CONTRADICTORY_FACTS,
                    "记录相互矛盾：同一类状态在同一天只能有一个（如登记状态、失能等级、低保类别），死亡只能有一个日期");
            return false;
        }
    }

    /** The card as the API issues it ({@link NewSenior.NewCard}: the core's {@code CardIdentifier}). */
    static NewSenior.NewCard card(Card.Kind kind, String number, LocalDate issuedOn, RowCheck check) {
        try {
            return new NewSenior.NewCard(kind, number, issuedOn);
        } catch (InvalidEntryException e) {
            check.add(Column.CARD_NUMBER, ProblemCode.INVALID_CARD_IDENTIFIER, e.messageZh());
            return null;
        }
    }

    /** A value of a column that allows a few: by its Chinese label or its code (APPROVED, DIBAO ...). */
    static <E extends Enum<E>> E choice(String text, Column column, Class<E> type,
                                        java.util.function.Function<E, String> label, RowCheck check) {
        if (text == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (label.apply(e).equals(text) || e.name().equalsIgnoreCase(text)) {
                return e;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            allowed.append(allowed.isEmpty() ? "" : "、").append(label.apply(e));
        }
        check.add(column, ProblemCode.INVALID_VALUE, column.header() + "“" + text + "”无效，应为：" + allowed);
        return null;
    }
}
