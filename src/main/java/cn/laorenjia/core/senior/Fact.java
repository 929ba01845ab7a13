package cn.laorenjia.core.senior;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One dated fact about a senior, as recorded in the register: what, which value, and on which days.
 *
 * <p>Values are strings (an enum name, or the disability grade "1".."4") so the register and the case
 * files can store every kind of fact in one shape; the constructor validates the value against its
 * kind so a fact that exists is always meaningful.
 */
public record Fact(FactKind kind, String value, Period period) {

    public Fact {
        Objects.requireNonNull(kind, "fact kind");
        Objects.requireNonNull(period, "fact period");
        switch (kind) {
            case VISITING_CARE_CATEGORY -> requireEnumName(VisitingCareCategory.class, kind, value);
            case LOW_INCOME_STATUS -> requireEnumName(LowIncomeStatus.class, kind, value);
            case DISABILITY_LEVEL -> requireEnumName(DisabilityLevel.class, kind, value);
            case ENROLMENT -> requireEnumName(EnrolmentState.class, kind, value);
            case HARDSHIP_DISABILITY_ALLOWANCE -> {
                if (!("1".equals(value) || "2".equals(value) || "3".equals(value) || "4".equals(value))) {
                    throw new IllegalArgumentException(kind + "（" + kind.labelZh() + "）的取值 value 须为残疾等级 1、2、3 或 4，现为 " + value);
                }
            }
            case DEATH -> {
                requireNoValue(kind, value);
                if (!period.isOpenEnded()) {
                    throw new IllegalArgumentException("死亡 DEATH 没有截止日期：只填写死亡日期 from");
                }
            }
            default -> requireNoValue(kind, value);
        }
    }

    private static <E extends Enum<E>> void requireEnumName(Class<E> type, FactKind kind, String value) {
        if (value == null) {
            throw new IllegalArgumentException(kind + "（" + kind.labelZh() + "）须填写取值 value："
                    + String.join("、", java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
        }
        try {
            Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(kind + "（" + kind.labelZh() + "）的取值 value 无效：" + value + "，须为 "
                    + String.join("、", java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()), e);
        }
    }

    private static void requireNoValue(FactKind kind, String value) {
        if (value != null) {
            throw new IllegalArgumentException(kind + "（" + kind.labelZh() + "）不填写取值 value，现为 " + value);
        }
    }

    public boolean holdsOn(LocalDate date) {
        return period.contains(date);
    }

    public static Fact localHousehold(Period period) {
        return new Fact(FactKind.LOCAL_HOUSEHOLD, null, period);
    }

    public static Fact visitingCare(VisitingCareCategory category, Period period) {
        return new Fact(FactKind.VISITING_CARE_CATEGORY, category.name(), period);
    }

    public static Fact homeCareSubsidy(Period period) {
        return new Fact(FactKind.HOME_CARE_SUBSIDY, null, period);
    }

    public static Fact lowIncome(LowIncomeStatus status, Period period) {
        return new Fact(FactKind.LOW_INCOME_STATUS, status.name(), period);
    }

    public static Fact disabilityLevel(DisabilityLevel level, Period period) {
        return new Fact(FactKind.DISABILITY_LEVEL, level.name(), period);
    }

    public static Fact hardshipDisabilityAllowance(int disabilityGrade, Period period) {
        return new Fact(FactKind.HARDSHIP_DISABILITY_ALLOWANCE, Integer.toString(disabilityGrade), period);
    }

    public static Fact institutionResidence(Period period) {
        return new Fact(FactKind.INSTITUTION_RESIDENCE, null, period);
    }

    public static Fact centralisedSupport(Period period) {
        return new Fact(FactKind.CENTRALISED_SUPPORT, null, period);
    }

    public static Fact enrolment(EnrolmentState state, Period period) {
        return new Fact(FactKind.ENROLMENT, state.name(), period);
    }

    public static Fact death(LocalDate dateOfDeath) {
        return new Fact(FactKind.DEATH, null, Period.from(dateOfDeath));
    }
}
