package cn.laorenjia.settlement.ledger.chain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The canonical bytes of a ledger entry that a chain link commits to, version 1, and the link hash.
 *
 * <p>Every column that matters for money or identity, in a fixed order, each as a tag byte (0 = null, 1 =
 * present) followed by a fixed-width value (uuid 16 bytes, integers 8 bytes big-endian, boolean 1 byte, date as
 * epoch day, timestamptz as epoch microseconds, PostgreSQL's own precision) or a length-prefixed UTF-8 text. So
 * two different entries never encode alike and the bytes do not depend on the driver, the JVM's zone or locale.
 * The stored answer ({@code response}) is left out: it is derived from these columns and jsonb re-normalises it.
 * A new column that matters is a new version; links keep the version they were sealed with. The one exception,
 * {@code cashier_number} (V19), is appended only when it is not null: every entry recorded before it (all null)
 * encodes exactly as before, so chains sealed earlier stay verifiable under version 1, while an entry with a
 * cashier commits to it (the fields before it are self-delimiting, so the tail cannot be confused with them).
 *
 * <p>{@code hash = SHA-256("laorenjia-ledger-v1" || previous_hash || canonical bytes)}.
 */
public final class EntryEncoding {

    public static final short VERSION = 1;
    public static final int HASH_BYTES = 32;
    public static final byte[] ZERO_HASH = new byte[HASH_BYTES];
    private static final byte[] DOMAIN = "laorenjia-ledger-v1".getBytes(StandardCharsets.US_ASCII);

    /** The columns of meal_entry (alias e) read for the encoding, in encoding order. */
    public static final String COLUMNS = String.join(", ",
            "e.entry_id", "e.seq", "e.entry_type", "e.reverses_entry_id", "e.senior_id", "e.canteen_id",
            "e.terminal_id", "e.meal_set_id", "e.slot", "e.occurred_at", "e.meal_date", "e.week_monday",
            "e.set_price_fen", "e.standard_price_fen", "e.subsidised", "e.discount_fen", "e.operating_subsidy_fen",
            "e.paid_fen", "e.rule_version", "e.identified_by", "e.manual_reason", "e.request_hash",
            "e.recorded_at", "e.offline_outcome", "e.offline_reason", "e.cashier_number");
    /** How many columns {@link #COLUMNS} reads. */
    public static final int COLUMN_COUNT = 26;

    private EntryEncoding() {
    }

    /** The canonical bytes of the entry whose {@link #COLUMNS} start at column {@code first} of the row. */
    public static byte[] encode(ResultSet rs, int first) throws SQLException {
        Writer w = new Writer();
        int i = first;
        w.uuid(rs.getObject(i++, UUID.class));           // entry_id
        w.int8(rs.getObject(i++, Long.class));           // seq
        w.text(rs.getString(i++));                       // entry_type
        w.uuid(rs.getObject(i++, UUID.class));           // reverses_entry_id
        w.int8(rs.getObject(i++, Long.class));           // senior_id
        w.int8(rs.getObject(i++, Long.class));           // canteen_id
        w.int8(rs.getObject(i++, Long.class));           // terminal_id
        w.int8(rs.getObject(i++, Long.class));           // meal_set_id
        w.text(rs.getString(i++));                       // slot
        w.timestamp(rs.getObject(i++, OffsetDateTime.class)); // occurred_at
        w.date(rs.getObject(i++, LocalDate.class));      // meal_date
        w.date(rs.getObject(i++, LocalDate.class));      // week_monday
        w.int8(rs.getObject(i++, Long.class));           // set_price_fen
        w.int8(rs.getObject(i++, Long.class));           // standard_price_fen
        w.bool(rs.getObject(i++, Boolean.class));        // subsidised
        w.int8(rs.getObject(i++, Long.class));           // discount_fen
        w.int8(rs.getObject(i++, Long.class));           // operating_subsidy_fen
        w.int8(rs.getObject(i++, Long.class));           // paid_fen
        w.text(rs.getString(i++));                       // rule_version
        w.text(rs.getString(i++));                       // identified_by
        w.text(rs.getString(i++));                       // manual_reason
        w.text(rs.getString(i++));                       // request_hash
        w.timestamp(rs.getObject(i++, OffsetDateTime.class)); // recorded_at
        w.text(rs.getString(i++));                       // offline_outcome
        w.text(rs.getString(i++));                       // offline_reason
        String cashier = rs.getString(i);                // cashier_number: only when present, see above
        if (cashier != null) {
            w.text(cashier);
        }
        return w.bytes();
    }

    /** The hash of a link: its predecessor's hash and its entry's canonical bytes. */
    public static byte[] linkHash(byte[] previousHash, byte[] canonical) {
        if (previousHash.length != HASH_BYTES) {
            throw new IllegalArgumentException("a previous hash has 32 bytes, not " + previousHash.length);
        }
        MessageDigest sha = sha256();
        sha.update(DOMAIN);
        sha.update(previousHash);
        sha.update(canonical);
        return sha.digest();
    }

    public static String hex(byte[] hash) {
        return hash == null ? null : HexFormat.of().formatHex(hash);
    }

    public static boolean same(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

        private boolean present(Object value) {
            out.write(value == null ? 0 : 1);
            return value != null;
        }

        void uuid(UUID v) {
            if (present(v)) {
                long8(v.getMostSignificantBits());
                long8(v.getLeastSignificantBits());
            }
        }

        void int8(Long v) {
            if (present(v)) {
                long8(v);
            }
        }

        void bool(Boolean v) {
            if (present(v)) {
                out.write(v ? 1 : 0);
            }
        }

        void date(LocalDate v) {
            if (present(v)) {
                long8(v.toEpochDay());
            }
        }

        void timestamp(OffsetDateTime v) {
            if (present(v)) {
                var instant = v.toInstant();
                long8(Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L));
            }
        }

        void text(String v) {
            if (present(v)) {
                byte[] b = v.getBytes(StandardCharsets.UTF_8);
                long8(b.length);
                out.writeBytes(b);
            }
        }

        private void long8(long v) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (v >>> shift));
            }
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
