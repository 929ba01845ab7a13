package cn.laorenjia.settlement.register.importing;

import cn.laorenjia.core.senior.DisabilityLevel;
import cn.laorenjia.core.senior.Fact;
import cn.laorenjia.core.senior.FactKind;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.core.senior.LowIncomeStatus;
import cn.laorenjia.core.senior.Period;
import cn.laorenjia.settlement.register.importing.CheckedFile.FactAdd;
import cn.laorenjia.settlement.register.importing.CheckedFile.FactEnd;
import cn.laorenjia.settlement.register.importing.CheckedFile.Outcome;
import cn.laorenjia.settlement.register.importing.CheckedFile.RowResult;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The rows of a change list: each checked on its own, then played in the file's order on the facts the register
 * holds for its senior, each step checked by the core's rules (as {@code RegisterService.addFact} checks one fact).
 * A change already in the register (the same list sent again) is UNCHANGED, not a problem.
 */
final class ChangeRowsCheck {

    /** A senior of the register with their facts. */
    record Registered(long id, IdNumber idNumber, String name, List<RegisteredFact> facts) {
    }

    /** A fact of the register (id) or of this file (id null), with its end as the file has left it so far. */
    static final class RegisteredFact {
        final Long id;
        final FactKind kind;
        final String value;
        final LocalDate from;
        final LocalDate originalTo;
        LocalDate to;
        final long seniorId;

        RegisteredFact(Long id, long seniorId, FactKind kind, String value, LocalDate from, LocalDate to) {
            this.id = id;
            this.seniorId = seniorId;
            this.kind = kind;
            this.value = value;
            this.from = from;
            this.originalTo = to;
            this.to = to;
        }

        Fact toFact(LocalDate end) {
            return new Fact(kind, value, Period.between(from, end));
        }

        boolean openBefore(LocalDate date) {
            return to == null && from.isBefore(date);
        }
    }

    interface Register {
        /** The seniors with these ID numbers, by ID number, with their facts. */
        Map<String, Registered> seniors(List<String> idNumbers);
    }

    private record Parsed(IdNumber id, String name, ChangeType type, String value, LocalDate from, LocalDate toExclusive) {
        String key() {
            return id.value() + "|" + type + "|" + value + "|" + from + "|" + toExclusive;
        }
    }

    private ChangeRowsCheck() {
    }

    static CheckedFile check(ImportTable table, LocalDate today, Register register) {
        List<ImportTable.Row> rows = table.rows();
        List<RowCheck> checks = new ArrayList<>(rows.size());
        List<Parsed> parsed = new ArrayList<>(rows.size());
        Set<String> ids = new HashSet<>();
        for (ImportTable.Row row : rows) {
            RowCheck check = new RowCheck(row.number());
            Parsed p = parse(row.cells(), today, check);
            parsed.add(p);
            checks.add(check);
            if (p != null) {
                ids.add(p.id().value());
            }
        }
        Map<String, Registered> seniors = register.seniors(new ArrayList<>(ids));
        Map<String, Integer> firstRow = new HashMap<>();
        List<RowResult> results = new ArrayList<>(rows.size());
        List<RegisteredFact> added = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Parsed p = parsed.get(i);
            RowCheck check = checks.get(i);
            Outcome outcome = Outcome.PROBLEM;
            if (p != null) {
                Integer first = firstRow.putIfAbsent(p.key(), rows.get(i).number());
                Registered senior = seniors.get(p.id().value());
                if (first != null) {
                    check.add(null, ProblemCode.DUPLICATE_IN_FILE, "与第" + first + "行的变更完全相同");
                } else if (senior == null) {
                    check.add(Column.ID_NUMBER, ProblemCode.UNKNOWN_SENIOR, "登记册中没有该身份证号码的老人");
                } else if (!senior.name().equals(p.name())) {
                    check.add(Column.NAME, ProblemCode.NAME_MISMATCH, "姓名与登记册不符（登记册中为" + senior.name() + "）");
                } else if (RowRules.notBeforeBirth(p.from(), senior.idNumber(), Column.EFFECTIVE_ON, check)) {
                    outcome = play(senior, p, check, added);
                }
            }
            results.add(new RowResult(rows.get(i), check.ok() ? outcome : Outcome.PROBLEM, List.copyOf(check.problems())));
        }
        List<FactEnd> ends = new ArrayList<>();
        for (Registered senior : seniors.values()) {
            for (RegisteredFact f : senior.facts()) {
                if (f.id != null && !Objects.equals(f.to, f.originalTo)) {
                    ends.add(new FactEnd(f.id, f.to));
                }
            }
        }
        List<FactAdd> adds = added.stream().map(f -> new FactAdd(f.seniorId, f.toFact(f.to))).toList();
        return new CheckedFile(table, results, List.of(), ends, adds);
    }

    /** One change on the senior's facts: OK (changed), UNCHANGED, or PROBLEM with the reason added. */
    private static Outcome play(Registered senior, Parsed p, RowCheck check, List<RegisteredFact> added) {
        FactKind kind = p.type().kind();
        List<RegisteredFact> facts = senior.facts();
        if (!p.type().starts()) {
            RegisteredFact open = facts.stream().filter(f -> f.kind == kind && f.to == null).findFirst().orElse(null);
            if (open == null) {
                boolean ended = facts.stream().anyMatch(f -> f.kind == kind && p.from().equals(f.to));
                if (ended) {
                    return Outcome.UNCHANGED;
                }
                check.add(Column.CHANGE_TYPE, ProblemCode.NOTHING_TO_END, "登记册中该老人没有正在享受的" + kind.labelZh());
                return Outcome.PROBLEM;
            }
            if (!open.from.isBefore(p.from())) {
                check.add(Column.EFFECTIVE_ON, ProblemCode.IMPOSSIBLE_DATE,
                        "生效日期不能早于或等于" + kind.labelZh() + "的开始日期（" + open.from + "）");
                return Outcome.PROBLEM;
            }
            return commit(senior, open, p.from(), null, check, added) ? Outcome.OK : Outcome.PROBLEM;
        }
        // already so: the same fact from the same day, or the same status holding since before
        for (RegisteredFact f : facts) {
            if (f.kind == kind && Objects.equals(f.value, p.value()) && f.from.equals(p.from())
                    && Objects.equals(f.to, p.toExclusive())) {
                return Outcome.UNCHANGED;
            }
            // (a death is one date: another date of death contradicts it, below)
            if (f.kind == kind && kind != FactKind.DEATH && Objects.equals(f.value, p.value()) && p.toExclusive() == null
                    && f.openBefore(p.from())) {
                return Outcome.UNCHANGED;
            }
        }
        RegisteredFact replaced = null;
        if (!kind.mayOverlap() && kind != FactKind.DEATH) {
            replaced = facts.stream().filter(f -> f.kind == kind && f.openBefore(p.from())).findFirst().orElse(null);
        }
        RegisteredFact fresh = new RegisteredFact(null, senior.id(), kind, p.value(), p.from(), p.toExclusive());
        return commit(senior, replaced, p.from(), fresh, check, added) ? Outcome.OK : Outcome.PROBLEM;
    }

    /** Ends {@code ending} on {@code endOn} and adds {@code fresh}, if the core finds the result consistent. */
    private static boolean commit(Registered senior, RegisteredFact ending, LocalDate endOn, RegisteredFact fresh,
                                  RowCheck check, List<RegisteredFact> added) {
        List<Fact> candidate = new ArrayList<>(senior.facts().size() + 1);
        for (RegisteredFact f : senior.facts()) {
            candidate.add(f == ending ? f.toFact(endOn) : f.toFact(f.to));
        }
        if (fresh != null) {
            candidate.add(fresh.toFact(fresh.to));
        }
        if (!RowRules.consistent(senior.idNumber(), candidate, Column.CHANGE_TYPE, check)) {
            return false;
        }
        if (ending != null) {
            ending.to = endOn;
        }
        if (fresh != null) {
            senior.facts().add(fresh);
            added.add(fresh);
        }
        return true;
    }

    private static Parsed parse(String[] cells, LocalDate today, RowCheck check) {
        IdNumber id = RowRules.idNumber(RowRules.required(cells, Column.ID_NUMBER, check), check);
        String name = RowRules.name(RowRules.required(cells, Column.NAME, check), check);
        ChangeType type = changeType(RowRules.required(cells, Column.CHANGE_TYPE, check), check);
        LocalDate from = null;
        if (RowRules.required(cells, Column.EFFECTIVE_ON, check) != null) {
            from = RowRules.date(cells, Column.EFFECTIVE_ON, check);
            RowRules.notInFuture(from, Column.EFFECTIVE_ON, today, check);
        }
        LocalDate lastDay = RowRules.date(cells, Column.LAST_DAY, check);
        String valueText = RowRules.cell(cells, Column.VALUE);
        String value = null;
        if (type != null) {
            if (type.takesValue() && valueText == null) {
                check.add(Column.VALUE, ProblemCode.MISSING_VALUE, type.labelZh() + "须在“值”列填写"
                        + (type.kind() == FactKind.LOW_INCOME_STATUS ? "低保或低保边缘"
                        : type.kind() == FactKind.DISABILITY_LEVEL ? "失能等级" : "残疾等级（1-4）"));
            } else if (!type.takesValue() && valueText != null) {
                check.add(Column.VALUE, ProblemCode.INVALID_VALUE, type.labelZh() + "不填“值”列");
            } else if (type.takesValue()) {
                value = switch (type.kind()) {
                    case LOW_INCOME_STATUS -> name(RowRules.choice(valueText, Column.VALUE, LowIncomeStatus.class,
                            LowIncomeStatus::labelZh, check));
                    case DISABILITY_LEVEL -> name(RowRules.choice(valueText, Column.VALUE, DisabilityLevel.class,
                            DisabilityLevel::labelZh, check));
                    default -> RegisterRowsCheck.grade(valueText, Column.VALUE, check);
                };
            }
            if (lastDay != null && (!type.starts() || type == ChangeType.DEATH)) {
                check.add(Column.LAST_DAY, ProblemCode.INVALID_VALUE, type.labelZh() + "不填截止日期");
            }
        }
        if (from != null && lastDay != null && lastDay.isBefore(from)) {
            check.add(Column.LAST_DAY, ProblemCode.IMPOSSIBLE_DATE, "截止日期（" + lastDay + "）早于生效日期（" + from + "）");
        }
        if (!check.ok()) {
            return null;
        }
        // 截止日期 is the last day (inclusive) on the clerk's sheet; the register stores the first day after it
        return new Parsed(id, name, type, value, from, lastDay == null ? null : lastDay.plusDays(1));
    }

    private static ChangeType changeType(String text, RowCheck check) {
        if (text == null) {
            return null;
        }
        for (ChangeType t : ChangeType.values()) {
            if (t.labelZh().equals(text)) {
                return t;
            }
        }
        check.add(Column.CHANGE_TYPE, ProblemCode.UNKNOWN_CHANGE_TYPE, "变更类型“" + text + "”无效，应为："
                + String.join("、", java.util.Arrays.stream(ChangeType.values()).map(ChangeType::labelZh).toList()));
        return null;
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }
}
