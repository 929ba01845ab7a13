package cn.laorenjia.settlement.register.importing;

import cn.laorenjia.core.senior.Fact;
import cn.laorenjia.core.senior.FactKind;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.settlement.register.importing.CheckedFile.FactAdd;
import cn.laorenjia.settlement.register.importing.CheckedFile.FactEnd;
import cn.laorenjia.settlement.register.service.NewSenior;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The imports' SQL, set-based, inside the calling service's transaction: look-ups by arrays of keys, the register's
 * new rows by COPY (one stream per table, whatever the number of rows), ended facts by one UPDATE from arrays, and
 * the import records. Ids come from the register's sequences, as Hibernate's pooled ids do (V4: a value taken by
 * plain SQL is never handed out by Hibernate's pool).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ImportRepository {

    private final EntityManager em;

    public ImportRepository(EntityManager em) {
        this.em = em;
    }

    private <T> T jdbc(JdbcWork<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }

    private interface JdbcWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** The active 街镇 of the districts' lists (table {@code subdistrict}, V22), as "区/街镇". */
    Set<String> knownSubdistricts() {
        return jdbc(c -> {
            Set<String> known = new HashSet<>();
            try (PreparedStatement st = c.prepareStatement("""
                    select district || '/' || name from subdistrict where active""");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    known.add(rs.getString(1));
                }
            }
            return known;
        });
    }

    Set<String> registeredIdNumbers(List<String> idNumbers) {
        return strings("select id_number from senior where id_number = any(?)", idNumbers);
    }

    Set<String> issuedCards(List<String> cardKeys) {
        return strings("select kind || ':' || identifier from card where kind || ':' || identifier = any(?)", cardKeys);
    }

    private Set<String> strings(String sql, List<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return jdbc(c -> {
            Set<String> found = new HashSet<>();
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setArray(1, c.createArrayOf("text", keys.toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
            return found;
        });
    }

    /** The seniors of these ID numbers with their facts, for a change list; locked against concurrent changes. */
    Map<String, ChangeRowsCheck.Registered> seniors(List<String> idNumbers, boolean lock) {
        if (idNumbers.isEmpty()) {
            return Map.of();
        }
        return jdbc(c -> {
            Map<Long, ChangeRowsCheck.Registered> byId = new LinkedHashMap<>();
            try (PreparedStatement st = c.prepareStatement("select id, id_number, name from senior where id_number = any(?)"
                    + (lock ? " order by id for update" : ""))) {
                st.setArray(1, c.createArrayOf("text", idNumbers.toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        byId.put(rs.getLong(1), new ChangeRowsCheck.Registered(rs.getLong(1),
                                IdNumber.parse(rs.getString(2)), rs.getString(3), new ArrayList<>()));
                    }
                }
            }
            if (!byId.isEmpty()) {
                try (PreparedStatement st = c.prepareStatement("""
                        select id, senior_id, kind, value, valid_from, valid_to from senior_fact
                        where senior_id = any(?) and corrected_at is null order by senior_id, valid_from, id""")) {
                    st.setArray(1, c.createArrayOf("bigint", byId.keySet().toArray()));
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            Date to = rs.getDate(6);
                            byId.get(rs.getLong(2)).facts().add(new ChangeRowsCheck.RegisteredFact(rs.getLong(1),
                                    rs.getLong(2), FactKind.valueOf(rs.getString(3)), rs.getString(4),
                                    rs.getDate(5).toLocalDate(), to == null ? null : to.toLocalDate()));
                        }
                    }
                }
            }
            Map<String, ChangeRowsCheck.Registered> result = new HashMap<>();
            byId.values().forEach(s -> result.put(s.idNumber().value(), s));
            return result;
        });
    }

    /** What an import wrote. */
    record Written(int seniors, int facts, int factsEnded, int cards) {
        Map<String, Object> asMap() {
            return Map.of("seniors", seniors, "facts", facts, "factsEnded", factsEnded, "cards", cards);
        }
    }

    /** New seniors with their facts and cards: three COPY streams. */
    Written insertSeniors(List<NewSenior> seniors, String actor) {
        if (seniors.isEmpty()) {
            return new Written(0, 0, 0, 0);
        }
        return jdbc(c -> {
            long[] ids = new long[seniors.size()];
            try (PreparedStatement st = c.prepareStatement(
                    "select nextval('senior_id_seq') from generate_series(1, ?)")) {
                st.setInt(1, seniors.size());
                try (ResultSet rs = st.executeQuery()) {
                    for (int i = 0; rs.next(); i++) {
                        ids[i] = rs.getLong(1);
                    }
                }
            }
            StringBuilder senior = new StringBuilder(seniors.size() * 96);
            StringBuilder fact = new StringBuilder(seniors.size() * 160);
            StringBuilder card = new StringBuilder(seniors.size() * 64);
            int facts = 0;
            int cards = 0;
            for (int i = 0; i < seniors.size(); i++) {
                NewSenior s = seniors.get(i);
                row(senior, ids[i], s.idNumber().value(), s.name(), s.idNumber().birthDate(), s.idNumber().isMale(),
                        s.phone(), s.district(), s.subdistrict());
                for (Fact f : s.facts()) {
                    row(fact, ids[i], f.kind().name(), f.value(), f.period().from(), f.period().to(), actor);
                    facts++;
                }
                for (NewSenior.NewCard k : s.cards()) {
                    row(card, ids[i], k.kind().name(), k.identifier(), "ACTIVE", k.issuedOn(), actor);
                    cards++;
                }
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            copy(copy, "copy senior (id, id_number, name, birth_date, male, phone, district, subdistrict) from stdin", senior);
            copy(copy, "copy senior_fact (senior_id, kind, value, valid_from, valid_to, recorded_by) from stdin", fact);
            copy(copy, "copy card (senior_id, kind, identifier, status, issued_on, recorded_by) from stdin", card);
            return new Written(seniors.size(), facts, 0, cards);
        });
    }

    /** A change list: facts ended by one UPDATE from arrays, new facts by COPY. */
    Written applyChanges(List<FactEnd> ends, List<FactAdd> adds, String actor) {
        return jdbc(c -> {
            if (!ends.isEmpty()) {
                try (PreparedStatement st = c.prepareStatement("""
                        update senior_fact f set valid_to = e.end_on, ended_by = ?
                        from unnest(?::bigint[], ?::date[]) as e(id, end_on) where f.id = e.id""")) {
                    st.setString(1, actor);
                    st.setArray(2, c.createArrayOf("bigint", ends.stream().map(FactEnd::factId).toArray()));
                    st.setArray(3, c.createArrayOf("date", ends.stream().map(e -> Date.valueOf(e.endOn())).toArray()));
                    st.executeUpdate();
                }
            }
            if (!adds.isEmpty()) {
                StringBuilder fact = new StringBuilder(adds.size() * 64);
                for (FactAdd a : adds) {
                    row(fact, a.seniorId(), a.fact().kind().name(), a.fact().value(), a.fact().period().from(),
                            a.fact().period().to(), actor);
                }
                copy(c.unwrap(PGConnection.class).getCopyAPI(),
                        "copy senior_fact (senior_id, kind, value, valid_from, valid_to, recorded_by) from stdin", fact);
            }
            return new Written(0, adds.size(), ends.size(), 0);
        });
    }

    private static void copy(CopyManager copy, String sql, StringBuilder rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try {
            copy.copyIn(sql, new StringReader(rows.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY failed", e);
        }
    }

    /** One line of COPY's text format: tab-separated, \N for null, backslash escapes. */
    private static void row(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            Object v = values[i];
            if (v == null) {
                out.append("\\N");
            } else if (v instanceof Boolean b) {
                out.append(b ? 't' : 'f');
            } else {
                String s = v.toString();
                for (int j = 0; j < s.length(); j++) {
                    char ch = s.charAt(j);
                    switch (ch) {
                        case '\\' -> out.append("\\\\");
                        case '\t' -> out.append("\\t");
                        case '\n' -> out.append("\\n");
                        case '\r' -> out.append("\\r");
                        default -> out.append(ch);
                    }
                }
            }
        }
        out.append('\n');
    }

    // --- the import records ---

    /** Keeps the uploaded file once per content (an apply reads it again). */
    void storeFile(String sha256, byte[] content, Instant at, String actor) {
        jdbc(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    insert into register_import_file (sha256, content, size_bytes, uploaded_at, uploaded_by)
                    values (?, ?, ?, ?, ?) on conflict (sha256) do nothing""")) {
                st.setString(1, sha256);
                st.setBytes(2, content);
                st.setLong(3, content.length);
                st.setTimestamp(4, Timestamp.from(at));
                st.setString(5, actor);
                st.executeUpdate();
            }
            return null;
        });
    }

    byte[] fileContent(String sha256) {
        return jdbc(c -> {
            try (PreparedStatement st = c.prepareStatement("select content from register_import_file where sha256 = ?")) {
                st.setString(1, sha256);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? rs.getBytes(1) : null;
                }
            }
        });
    }

    long insert(ImportRecord r, byte[] resultFile, String writtenJson) {
        return jdbc(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    insert into register_import (kind, mode, sha256, file_name, format, charset, dry_run_id, at, actor,
                        rows_total, rows_ok, rows_unchanged, rows_with_problems, problems, written, result_file)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?) returning id""")) {
                st.setString(1, r.kind().name());
                st.setString(2, r.mode().name());
                st.setString(3, r.sha256());
                st.setString(4, r.fileName());
                st.setString(5, r.format());
                st.setString(6, r.charset());
                if (r.dryRunId() == null) {
                    st.setNull(7, java.sql.Types.BIGINT);
                } else {
                    st.setLong(7, r.dryRunId());
                }
                st.setTimestamp(8, Timestamp.from(r.at()));
                st.setString(9, r.actor());
                st.setInt(10, r.rows());
                st.setInt(11, r.rowsOk());
                st.setInt(12, r.rowsUnchanged());
                st.setInt(13, r.rowsWithProblems());
                st.setInt(14, r.problems());
                st.setString(15, writtenJson);
                st.setBytes(16, resultFile);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static final String RECORD_COLUMNS = "id, kind, mode, sha256, file_name, format, charset, dry_run_id, at, "
            + "actor, rows_total, rows_ok, rows_unchanged, rows_with_problems, problems, written::text";

    Optional<ImportRecord> find(long id) {
        List<ImportRecord> found = records("select " + RECORD_COLUMNS + " from register_import where id = ?", id);
        return found.stream().findFirst();
    }

    /** The import that applied this file of this kind, if one did. */
    Optional<ImportRecord> applied(ImportKind kind, String sha256) {
        return records("select " + RECORD_COLUMNS + " from register_import where kind = ? and sha256 = ? "
                + "and mode = 'APPLIED'", kind.name(), sha256).stream().findFirst();
    }

    List<ImportRecord> latest(int limit) {
        return records("select " + RECORD_COLUMNS + " from register_import order by at desc, id desc limit ?", limit);
    }

    Optional<byte[]> resultFile(long id) {
        return jdbc(c -> {
            try (PreparedStatement st = c.prepareStatement("select result_file from register_import where id = ?")) {
                st.setLong(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }

    /** Serialises applies: two of the same file, or of files naming the same seniors, never interleave. */
    void lockImports() {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('laorenjia.register.import'))").getSingleResult();
    }

    private List<ImportRecord> records(String sql, Object... params) {
        return jdbc(c -> {
            List<ImportRecord> list = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    st.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        Long dryRun = rs.getObject(8) == null ? null : rs.getLong(8);
                        list.add(new ImportRecord(rs.getLong(1), ImportKind.valueOf(rs.getString(2)),
                                ImportRecord.Mode.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), dryRun,
                                rs.getTimestamp(9).toInstant(), rs.getString(10), rs.getInt(11), rs.getInt(12),
                                rs.getInt(13), rs.getInt(14), rs.getInt(15), rs.getString(16)));
                    }
                }
            }
            return list;
        });
    }

}
