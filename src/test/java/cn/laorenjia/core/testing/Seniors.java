package cn.laorenjia.core.testing;

import cn.laorenjia.core.senior.Fact;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.core.senior.SeniorFacts;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Sample seniors for tests (a Baodi region code and a valid check digit for any birth date). */
public final class Seniors {

    private Seniors() {
    }

    public static IdNumber idBornOn(LocalDate birthDate) {
        return idBornOn(birthDate, "001");
    }

    public static IdNumber idBornOn(LocalDate birthDate, String sequence) {
        String first17 = "120224" + birthDate.format(DateTimeFormatter.BASIC_ISO_DATE) + sequence;
        return IdNumber.parse(first17 + IdNumber.checkDigit(first17));
    }

    public static SeniorFacts bornOn(LocalDate birthDate, Fact... facts) {
        return SeniorFacts.of(idBornOn(birthDate), List.of(facts));
    }
}
