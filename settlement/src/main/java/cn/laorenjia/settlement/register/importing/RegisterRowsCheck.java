package cn.laorenjia.settlement.register.importing;

import cn.laorenjia.core.refusal.InvalidEntryException;
import cn.laorenjia.core.register.DisplayName;
import cn.laorenjia.core.senior.DisabilityLevel;
import cn.laorenjia.core.senior.EnrolmentState;
import cn.laorenjia.core.senior.Fact;
import cn.laorenjia.core.senior.FactKind;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.core.senior.LowIncomeStatus;
import cn.laorenjia.core.senior.VisitingCareCategory;
import cn.laorenjia.settlement.register.entity.Card;
import cn.laorenjia.settlement.register.importing.CheckedFile.Outcome;
import cn.laorenjia.settlement.register.importing.CheckedFile.RowResult;
import cn.laorenjia.settlement.register.service.NewSenior;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The rows of a register file (new seniors): each on its own, then against each other and the register. */
final class RegisterRowsCheck {

    /** What the register already holds, as far as these rows are concerned. */
    interface Register {
        Set<String> knownSubdistricts();

        Set<String> registeredIdNumbers(List<String> idNumbers);

        /** Of "KIND:identifier" keys, those already issued. */
        Set<String> issuedCards(List<String> cardKeys);
    }

    private RegisterRowsCheck() {
    }

    static String cardLabel(Card.Kind kind) {
        return switch (kind) {
            case UID -> "IC卡";
            case SOCIAL_SECURITY -> "社保卡";
            case PRINTED_QR -> "纸质二维码";
        };
    }

    static CheckedFile check(ImportTable table, LocalDate today, Register register) {
        Set<String> known = register.knownSubdistricts();
        List<ImportTable.Row> rows = table.rows();
        List<RowCheck> checks = new ArrayList<>(rows.size());
        List<NewSenior> parsed = new ArrayList<>(rows.size());
        // within the file, then against the register: keys of every row whose ID number or card is valid, whatever
        // else is wrong with it (a duplicate is reported on both rows even when one of them has other problems)
        Map<String, List<Integer>> byId = new HashMap<>();
        Map<String, List<Integer>> byCard = new HashMap<>();
        List<String> cardKeys = new ArrayList<>(rows.size());
        List<IdNumber> idKeys = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            RowCheck check = new RowCheck(rows.get(i).number());
            Keys keys = new Keys();
            parsed.add(parse(rows.get(i).cells(), today, known, check, keys));
            checks.add(check);
            idKeys.add(keys.id);
            if (keys.id != null) {
                byId.computeIfAbsent(keys.id.value(), k -> new ArrayList<>(1)).add(i);
            }
            String cardKey = keys.card == null ? null : keys.card.kind() + ":" + keys.card.identifier();
            cardKeys.add(cardKey);
            if (cardKey != null) {
                byCard.computeIfAbsent(cardKey, k -> new ArrayList<>(1)).add(i);
            }
        }
        flagDuplicates(byId, rows, checks, Column.ID_NUMBER, "身份证号码");
        flagDuplicates(byCard, rows, checks, Column.CARD_NUMBER, "卡号");
        Set<String> registered = register.registeredIdNumbers(new ArrayList<>(byId.keySet()));
        Set<String> issued = register.issuedCards(new ArrayList<>(byCard.keySet()));
        List<RowResult> results = new ArrayList<>(rows.size());
        List<NewSenior> seniors = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            NewSenior s = parsed.get(i);
            RowCheck check = checks.get(i);
            IdNumber id = idKeys.get(i);
            if (id != null && registered.contains(id.value())) {
                check.add(Column.ID_NUMBER, ProblemCode.DUPLICATE_ID_NUMBER, "该身份证号码已登记（登记册中已有此人）");
            }
            String cardKey = cardKeys.get(i);
            if (cardKey != null && issued.contains(cardKey)) {
                check.add(Column.CARD_NUMBER, ProblemCode.DUPLICATE_CARD, "该卡号已发放给其他老人或已使用过");
            }
            boolean ok = s != null && check.ok();
            results.add(new RowResult(rows.get(i), ok ? Outcome.OK : Outcome.PROBLEM, List.copyOf(check.problems())));
            if (ok) {
                seniors.add(s);
            }
        }
        return new CheckedFile(table, results, seniors, List.of(), List.of());
    }

    private static void flagDuplicates(Map<String, List<Integer>> occurrences, List<ImportTable.Row> rows,
                                       List<RowCheck> checks, Column column, String what) {
        for (List<Integer> at : occurrences.values()) {
            if (at.size() > 1) {
                StringBuilder lines = new StringBuilder();
                for (int i : at) {
                    lines.append(lines.isEmpty() ? "" : "、").append(rows.get(i).number());
                }
                for (int i : at) {
                    checks.get(i).add(column, ProblemCode.DUPLICATE_IN_FILE, what + "在文件中重复出现：第" + lines + "行");
                }
            }
        }
    }

    /** A row's ID number and card when valid, for the checks across rows. */
    private static final class Keys {
        IdNumber id;
        NewSenior.NewCard card;
    }

    /** The row's senior as the API would register them, or null when the row has a problem of its own. */
    private static NewSenior parse(String[] cells, LocalDate today, Set<String> known, RowCheck check, Keys keys) {
        IdNumber id = RowRules.idNumber(RowRules.required(cells, Column.ID_NUMBER, check), check);
        keys.id = id;
        if (id != null) {
            RowRules.birthDateNotInFuture(id, today, check);
        }
        String name = RowRules.name(RowRules.required(cells, Column.NAME, check), check);
        String phone = RowRules.phone(RowRules.cell(cells, Column.PHONE), check);
        String district = RowRules.place(DisplayName.Kind.DISTRICT, Column.DISTRICT,
                RowRules.required(cells, Column.DISTRICT, check), check);
        String subdistrict = RowRules.place(DisplayName.Kind.SUBDISTRICT, Column.SUBDISTRICT,
                RowRules.required(cells, Column.SUBDISTRICT, check), check);
        RowRules.knownSubdistrict(district, subdistrict, known, check);

        List<Fact> facts = new ArrayList<>(4);
        LocalDate household = factDate(cells, Column.LOCAL_HOUSEHOLD_FROM, id, today, check);
        if (household != null) {
            RowRules.fact(FactKind.LOCAL_HOUSEHOLD, null, household, null, Column.LOCAL_HOUSEHOLD_FROM, check)
                    .ifPresent(facts::add);
        }
        String care = RowRules.cell(cells, Column.VISITING_CARE);
        LocalDate careFrom = pairedDate(cells, Column.VISITING_CARE, Column.VISITING_CARE_FROM, id, today, check);
        if (care != null && careFrom != null) {
            for (String part : care.split("[、,，;；/\\s]+")) {
                VisitingCareCategory category = RowRules.choice(part, Column.VISITING_CARE, VisitingCareCategory.class,
                        VisitingCareCategory::labelZh, check);
                if (category != null) {
                    facts.add(Fact.visitingCare(category, cn.laorenjia.core.senior.Period.from(careFrom)));
                }
            }
        }
        LocalDate homeCare = factDate(cells, Column.HOME_CARE_SUBSIDY_FROM, id, today, check);
        if (homeCare != null) {
            RowRules.fact(FactKind.HOME_CARE_SUBSIDY, null, homeCare, null, Column.HOME_CARE_SUBSIDY_FROM, check)
                    .ifPresent(facts::add);
        }
        valued(cells, Column.LOW_INCOME, Column.LOW_INCOME_FROM, FactKind.LOW_INCOME_STATUS, LowIncomeStatus.class,
                LowIncomeStatus::labelZh, id, today, facts, check);
        valued(cells, Column.DISABILITY, Column.DISABILITY_FROM, FactKind.DISABILITY_LEVEL, DisabilityLevel.class,
                DisabilityLevel::labelZh, id, today, facts, check);
        LocalDate hardshipFrom = pairedDate(cells, Column.HARDSHIP_GRADE, Column.HARDSHIP_FROM, id, today, check);
        String grade = grade(RowRules.cell(cells, Column.HARDSHIP_GRADE), Column.HARDSHIP_GRADE, check);
        if (grade != null && hardshipFrom != null) {
            RowRules.fact(FactKind.HARDSHIP_DISABILITY_ALLOWANCE, grade, hardshipFrom, null, Column.HARDSHIP_GRADE, check)
                    .ifPresent(facts::add);
        }
        valued(cells, Column.ENROLMENT, Column.ENROLMENT_FROM, FactKind.ENROLMENT, EnrolmentState.class,
                EnrolmentState::labelZh, id, today, facts, check);
        if (id != null && check.ok()) {
            RowRules.consistent(id, facts, null, check);
        }

        List<NewSenior.NewCard> cards = new ArrayList<>(1);
        String cardKindText = RowRules.cell(cells, Column.CARD_KIND);
        String cardNumber = RowRules.cell(cells, Column.CARD_NUMBER);
        LocalDate issuedOn = RowRules.date(cells, Column.CARD_ISSUED_ON, check);
        RowRules.notInFuture(issuedOn, Column.CARD_ISSUED_ON, today, check);
        if (cardKindText != null || cardNumber != null) {
            if (cardKindText == null) {
                check.add(Column.CARD_KIND, ProblemCode.MISSING_VALUE, "填写卡号时须填写卡类型");
            } else if (cardNumber == null) {
                check.add(Column.CARD_NUMBER, ProblemCode.MISSING_VALUE, "填写卡类型时须填写卡号");
            } else {
                Card.Kind kind = RowRules.choice(cardKindText, Column.CARD_KIND, Card.Kind.class,
                        RegisterRowsCheck::cardLabel, check);
                if (kind != null) {
                    NewSenior.NewCard card = RowRules.card(kind, cardNumber, issuedOn == null ? today : issuedOn, check);
                    if (card != null) {
                        cards.add(card);
                        keys.card = card;
                    }
                }
            }
        }
        if (!check.ok()) {
            return null;
        }
        try {
            // the API's command: the same normalisation and checks as a senior entered one at a time
            return new NewSenior(id, name, phone, district, subdistrict, facts, cards);
        } catch (IllegalArgumentException | InvalidEntryException e) {
            check.add(null, ProblemCode.INVALID_VALUE, "该行数据无效");
            return null;
        }
    }

    private static <E extends Enum<E>> void valued(String[] cells, Column valueColumn, Column dateColumn, FactKind kind,
                                                   Class<E> type, Function<E, String> label, IdNumber id,
                                                   LocalDate today, List<Fact> facts, RowCheck check) {
        LocalDate from = pairedDate(cells, valueColumn, dateColumn, id, today, check);
        E value = RowRules.choice(RowRules.cell(cells, valueColumn), valueColumn, type, label, check);
        if (value != null && from != null) {
            RowRules.fact(kind, value.name(), from, null, valueColumn, check).ifPresent(facts::add);
        }
    }

    /** The date of a value's column, required with the value and only with it. */
    private static LocalDate pairedDate(String[] cells, Column valueColumn, Column dateColumn, IdNumber id,
                                        LocalDate today, RowCheck check) {
        boolean hasValue = RowRules.cell(cells, valueColumn) != null;
        boolean hasDate = RowRules.cell(cells, dateColumn) != null;
        if (hasValue && !hasDate) {
            check.add(dateColumn, ProblemCode.MISSING_VALUE, "填写" + valueColumn.header() + "时须填写" + dateColumn.header());
            return null;
        }
        if (hasDate && !hasValue) {
            check.add(valueColumn, ProblemCode.MISSING_VALUE, "填写" + dateColumn.header() + "时须填写" + valueColumn.header());
            return null;
        }
        return factDate(cells, dateColumn, id, today, check);
    }

    /** A fact's start: a date, not before the birth, not after today. */
    private static LocalDate factDate(String[] cells, Column column, IdNumber id, LocalDate today, RowCheck check) {
        LocalDate date = RowRules.date(cells, column, check);
        if (date == null) {
            return null;
        }
        boolean ok = RowRules.notBeforeBirth(date, id, column, check);
        ok &= RowRules.notInFuture(date, column, today, check);
        return ok ? date : null;
    }

    /** A disability grade: 1 to 4, also written 一级 or 1级. */
    static String grade(String text, Column column, RowCheck check) {
        if (text == null) {
            return null;
        }
        String t = text.replace("级", "").replace("一", "1").replace("二", "2").replace("三", "3").replace("四", "4").strip();
        if (t.matches("[1-4]")) {
            return t;
        }
        check.add(column, ProblemCode.INVALID_VALUE, column.header() + "“" + text + "”无效，应为1、2、3或4");
        return null;
    }
}
