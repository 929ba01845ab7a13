package cn.laorenjia.settlement.register.importing;

/**
 * Why a row of an import file cannot be imported, as the report and the result file name it. Codes are a contract
 * (programs read them from the result file): add new ones, never rename one. Where the same rule exists for the
 * single-senior API its code is the API's error code (INVALID_ID_NUMBER, DUPLICATE_ID_NUMBER, CONTRADICTORY_FACTS ...).
 */
public enum ProblemCode {
    /** A required cell is empty, or a value without its date (or a date without its value). */
    MISSING_VALUE,
    /** The ID number is refused by the core ({@code IdNumber}): length, characters, region, birth date, check digit. */
    INVALID_ID_NUMBER,
    /** The ID number's birth date is after today. */
    BIRTH_DATE_IN_FUTURE,
    INVALID_NAME,
    INVALID_PHONE_NUMBER,
    /** 区 or 街镇 has characters or a length the register refuses. */
    INVALID_PLACE,
    /** 街镇 not in the jurisdiction's list. */
    UNKNOWN_SUBDISTRICT,
    /** Not a date (2024-03-01, 2024/3/1, 20240301, 2024年3月1日 are). */
    INVALID_DATE,
    /** A date that cannot be: before the senior's birth, a period that ends before it starts. */
    IMPOSSIBLE_DATE,
    /** A date after today where only the past can be (a death, an effective date of 民政's list, a card issued). */
    FUTURE_DATE,
    /** A value none of those the column allows (e.g. 低保类别 "特困"). */
    INVALID_VALUE,
    INVALID_CARD_IDENTIFIER,
    /** The same ID number, card or change twice in this file. */
    DUPLICATE_IN_FILE,
    /** The ID number is already in the register. */
    DUPLICATE_ID_NUMBER,
    /** The card is already issued in the register. */
    DUPLICATE_CARD,
    /** The facts contradict each other or those in the register (the core's {@code SeniorFacts} rules). */
    CONTRADICTORY_FACTS,
    /** A change list names an ID number the register does not have. */
    UNKNOWN_SENIOR,
    /** A change list's 姓名 is not the name the register has for that ID number. */
    NAME_MISMATCH,
    /** 变更类型 none of those of the template. */
    UNKNOWN_CHANGE_TYPE,
    /** An end (离开养老机构, 取消低保 ...) where nothing of that kind holds. */
    NOTHING_TO_END
}
