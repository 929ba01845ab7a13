package cn.laorenjia.core.policy;

import cn.laorenjia.core.calendar.ChinaCalendar;
import java.time.LocalDate;

/** On which days a meal can be subsidised. */
public enum QualifyingDays {
    /** Every day of the week (2022 and later in Tianjin). */
    ALL_DAYS("每天"),
    /** Monday to Friday (Tianjin 2019); holidays/adjusted workdays not modelled, see {@link ChinaCalendar}. */
    WORKING_DAYS("工作日");

    private final String labelZh;

    QualifyingDays(String labelZh) {
        this.labelZh = labelZh;
    }

    public String labelZh() {
        return labelZh;
    }

    public boolean includes(LocalDate date) {
        return this == ALL_DAYS || ChinaCalendar.isWorkingDay(date);
    }
}
