package cn.laorenjia.settlement.persistence;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/**
 * Reads the columns of a native query's {@code Object[]} rows. PostgreSQL answers {@code sum(bigint)} as
 * numeric and {@code count(*)} as bigint, and the driver may hand dates and times as java.sql or java.time
 * types; these read each as the one type the code wants.
 */
public final class Rows {

    private Rows() {
    }

    /** An integer column (int, bigint, or an integral numeric such as a sum); null is refused. */
    public static long longValue(Object value) {
        if (value instanceof BigDecimal d) {
            return d.longValueExact();
        }
        return ((Number) value).longValue();
    }

    /** A nullable integer column. */
    public static Long longOrNull(Object value) {
        return value == null ? null : longValue(value);
    }

    public static LocalDate localDate(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        return ((java.sql.Date) value).toLocalDate();
    }

    /** A timestamptz column, or null. */
    public static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof ZonedDateTime t) {
            return t.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
