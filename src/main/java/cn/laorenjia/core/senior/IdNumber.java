package cn.laorenjia.core.senior;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Set;

/**
 * An 18-character resident identity number (GB 11643-1999): 6-digit region code, 8-digit birth date
 * (yyyyMMdd), 3-digit sequence (odd 17th digit = male), and an ISO 7064 MOD 11-2 check character.
 *
 * <p>Validated on construction; a lowercase {@code x} check character is accepted and normalised to
 * {@code X} because card readers and people type both. The region is checked at province level only
 * (first two digits), since county codes change with every administrative reform and an old card
 * stays valid. {@link #toString()} is masked so the number never leaks into logs.
 */
public final class IdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK_CHARS = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    /** Province-level codes of GB/T 2260, plus 71/81/82 (Taiwan, Hong Kong, Macao residence permits). */
    private static final Set<String> PROVINCES = Set.of(
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
            "71", "81", "82");
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    private final String value;
    private final LocalDate birthDate;

    private IdNumber(String value, LocalDate birthDate) {
        this.value = value;
        this.birthDate = birthDate;
    }

    public static IdNumber parse(String text) {
        if (text == null || text.length() != 18) {
            throw new InvalidIdNumberException(InvalidIdNumberException.Code.LENGTH);
        }
        String normalised = text.charAt(17) == 'x' ? text.substring(0, 17) + 'X' : text;
        for (int i = 0; i < 17; i++) {
            if (!isAsciiDigit(normalised.charAt(i))) {
                throw new InvalidIdNumberException(InvalidIdNumberException.Code.CHARACTERS);
            }
        }
        char last = normalised.charAt(17);
        if (!isAsciiDigit(last) && last != 'X') {
            throw new InvalidIdNumberException(InvalidIdNumberException.Code.CHARACTERS);
        }
        if (!PROVINCES.contains(normalised.substring(0, 2))) {
            throw new InvalidIdNumberException(InvalidIdNumberException.Code.REGION);
        }
        LocalDate birth = birthDateOf(normalised);
        if (checkDigit(normalised.substring(0, 17)) != last) {
            throw new InvalidIdNumberException(InvalidIdNumberException.Code.CHECK_DIGIT);
        }
        return new IdNumber(normalised, birth);
    }

    /**
     * This number, if its holder was born on or before {@code today} (Asia/Shanghai, from the caller's clock); else
     * {@link InvalidIdNumberException} {@code BIRTH_DATE_IN_FUTURE}. A well-formed number can carry a date that has
     * not come yet ({@code 120224203004011233}); every way into the register (the API, applications, the bulk
     * import) refuses it with this check, since the parse alone cannot know what day it is.
     */
    public IdNumber requireBornBy(LocalDate today) {
        if (birthDate.isAfter(java.util.Objects.requireNonNull(today, "today"))) {
            throw new InvalidIdNumberException(InvalidIdNumberException.Code.BIRTH_DATE_IN_FUTURE);
        }
        return this;
    }

    /** The GB 11643-1999 check character for the first 17 digits: '0'–'9' or 'X' (for 10). */
    public static char checkDigit(String first17) {
        if (first17 == null || first17.length() != 17) {
            throw new IllegalArgumentException("need exactly 17 digits");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = first17.charAt(i);
            if (!isAsciiDigit(c)) {
                throw new IllegalArgumentException("need exactly 17 digits");
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        return CHECK_CHARS[sum % 11];
    }

    private static LocalDate birthDateOf(String number) {
        try {
            LocalDate birth = LocalDate.of(
                    Integer.parseInt(number.substring(6, 10)),
                    Integer.parseInt(number.substring(10, 12)),
                    Integer.parseInt(number.substring(12, 14)));
            if (birth.isBefore(EARLIEST_BIRTH)) {
                throw new InvalidIdNumberException(InvalidIdNumberException.Code.BIRTH_DATE);
            }
            return birth;
        } catch (DateTimeException e) {
            throw new InvalidIdNumberException(InvalidIdNumberException.Code.BIRTH_DATE);
        }
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    public String value() {
        return value;
    }

    public LocalDate birthDate() {
        return birthDate;
    }

    /** The 6-digit administrative region code at issue (not necessarily the current household registration). */
    public String regionCode() {
        return value.substring(0, 6);
    }

    public boolean isMale() {
        return (value.charAt(16) - '0') % 2 == 1;
    }

    /** First 6 and last 4 characters, the birth date and sequence hidden: {@code 120224********123X}. */
    public String masked() {
        return value.substring(0, 6) + "********" + value.substring(14);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdNumber other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Masked: the full number must never reach a log line. */
    @Override
    public String toString() {
        return masked();
    }
}
