package cn.laorenjia.settlement.persistence;

import cn.laorenjia.fixtures.db.RealServer;
import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.settling.SettlementFixture;
import cn.laorenjia.settlement.testing.DbAdmin;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static cn.laorenjia.settlement.security.TestApi.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The database obeys only the service, and the service only within its rights (issue 14, item 2): as the service's
 * role, what was acknowledged cannot be changed, by privilege before any trigger; triggers cannot be switched off;
 * nobody signs in without the password.
 */
@QuarkusTest
class DatabaseRolesTest {

    /** SQLSTATE insufficient_privilege: refused by the privilege system, before any trigger runs. */
    private static final String NO_PRIVILEGE = "42501";
    /** Tables whose rows the service never changes once written. */
    private static final Set<String> APPEND_ONLY = Set.of("meal_entry", "settled_day", "settlement_adjustment",
            "offline_rejection", "qr_phone_code_use",
            "till_shift", "till_sale", "till_void", "till_shift_closing", "anomaly_case_event", "anomaly_offline_online");

    @Inject
    AgroalDataSource dataSource;

    /** The superuser the test resource publishes (its keys are declared by this mapping). */
    @Inject
    DbAdmin.Settings dbAdmin;

    @ConfigProperty(name = "quarkus.datasource.username")
    String serviceRole;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void theServiceCannotChangeWhatItAcknowledged() throws SQLException {
        YearMonth month = SettlementFixture.monthsAgo(11);
        SettlementFixture canteen = SettlementFixture.newCanteen("大钟庄镇");
        canteen.recordFixtureMonth(month);
        SettlementFixture.settle(month);
        as(TestApi.FINANCE).post("/api/settlement/statements/drafts?month=" + month).then().statusCode(200);
        long statement = statementId(canteen, month);
        as(TestApi.FINANCE).post("/api/settlement/statements/" + statement + "/confirm").then().statusCode(200)
                .body("status", equalTo("CONFIRMED"));
        String where = " where canteen_id = " + canteen.canteenId;

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertEquals(serviceRole, single(s, "select current_user"));
            assertEquals("false", single(s, "select rolsuper::text from pg_roles where rolname = current_user"));
            for (String sql : List.of(
                    "update meal_entry set discount_fen = 900" + where,
                    "delete from meal_entry" + where,
                    "truncate meal_entry",
                    "update settled_day set discount_fen = discount_fen * 2" + where,
                    "delete from settled_day" + where,
                    "truncate settled_day",
                    "update settlement_adjustment set discount_fen = 0" + where,
                    "delete from settlement_adjustment" + where,
                    "truncate settlement_adjustment",
                    "delete from statement where id = " + statement,
                    "truncate statement cascade",
                    "update statement_line set net_owed_fen = 0 where statement_id = " + statement,
                    "truncate statement_line",
                    "update offline_rejection set discount_fen = 0",
                    "delete from qr_phone_code_use",
                    // switching the guards off is the owner's right alone
                    "alter table meal_entry disable trigger meal_entry_append_only",
                    "alter table meal_entry disable trigger all",
                    "alter table statement disable trigger statement_immutable",
                    "drop trigger settled_day_append_only on settled_day",
                    "create or replace function meal_entry_is_append_only() returns trigger language plpgsql"
                            + " as $$ begin return new; end $$",
                    // only a superuser may silence every trigger of the session
                    "set session_replication_role = replica",
                    "set session_replication_role = local",
                    // nothing of its own in the schema
                    "create table mine (id int)")) {
                SQLException refused = assertThrows(SQLException.class, () -> s.execute(sql), sql);
                assertEquals(NO_PRIVILEGE, refused.getSQLState(), sql + ": " + refused.getMessage());
            }
            assertEquals("origin", single(s, "show session_replication_role"));
            // a draft statement's totals are refreshed by the service (UPDATE), so a confirmed one is kept by its
            // trigger; a draft's lines are rebuilt (DELETE), so a confirmed one's lines are kept by theirs
            for (String sql : List.of(
                    "update statement set net_owed_fen = 0, discount_fen = 0, operating_subsidy_fen = 0 where id = "
                            + statement,
                    "delete from statement_line where statement_id = " + statement)) {
                SQLException refused = assertThrows(SQLException.class, () -> s.execute(sql), sql);
                assertTrue(refused.getMessage().contains("confirmed"), refused.getMessage());
            }
        }
        as(TestApi.FINANCE).get("/api/settlement/statements/" + statement).then().statusCode(200)
                .body("status", equalTo("CONFIRMED")).body("total.netOwed", equalTo("25.00"));
    }

    /** Every table the service may change rows of, and how; the lead's list of mutable tables is this. */
    @Test
    void theServiceHasOnlyTheRightsItNeeds() throws SQLException {
        Map<String, String> rights = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                select c.relname,
                       concat_ws(',', case when has_table_privilege(c.oid, 'SELECT') then 'SELECT' end,
                                      case when has_table_privilege(c.oid, 'INSERT') then 'INSERT' end,
                                      case when has_table_privilege(c.oid, 'UPDATE') then 'UPDATE' end,
                                      case when has_table_privilege(c.oid, 'DELETE') then 'DELETE' end,
                                      case when has_table_privilege(c.oid, 'TRUNCATE') then 'TRUNCATE' end,
                                      case when has_table_privilege(c.oid, 'TRIGGER') then 'TRIGGER' end,
                                      case when has_table_privilege(c.oid, 'REFERENCES') then 'REFERENCES' end),
                       pg_get_userbyid(c.relowner)
                from pg_class c where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p', 'v')
                order by 1""")) {
            while (rs.next()) {
                rights.put(rs.getString(1), rs.getString(2));
                assertNotEquals(serviceRole, rs.getString(3), rs.getString(1) + " must not belong to the service");
            }
        }
        System.out.println("The service role's rights: " + rights);
        assertTrue(rights.keySet().containsAll(APPEND_ONLY), rights.toString());
        rights.forEach((table, granted) -> {
            assertFalse(granted.contains("TRUNCATE") || granted.contains("TRIGGER") || granted.contains("REFERENCES"),
                    table + ": " + granted);
            if (APPEND_ONLY.contains(table)) {
                assertEquals("SELECT,INSERT", granted, table);
            }
        });
        assertEquals("", rights.get("flyway_schema_history"), "the service does not touch Flyway's history");
        assertEquals("SELECT", rights.get("settlement_line"));
        assertEquals("SELECT,INSERT,UPDATE", rights.get("statement"));
        assertEquals("SELECT,INSERT,DELETE", rights.get("statement_line"));
        assertEquals("SELECT,INSERT,UPDATE", rights.get("subdistrict"), "a 街镇 is deactivated, never deleted");
        assertEquals("SELECT,INSERT,UPDATE,DELETE", rights.get("quota_day"));
        assertEquals("SELECT,INSERT,UPDATE", rights.get("anomaly_case"), "a case's state moves with its events, never deleted");
        assertEquals("SELECT,INSERT,UPDATE", rights.get("senior_phone_activation"), "a code is used, never deleted");
        assertEquals("SELECT,INSERT,UPDATE", rights.get("senior_phone_device"), "a phone is revoked, never deleted");
    }

    @Test
    void nobodySignsInWithoutThePassword() {
        SQLException wrong = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(jdbcUrl, serviceRole, "not-the-password").close());
        assertEquals("28P01", wrong.getSQLState(), wrong.getMessage());
        SQLException none = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "user=" + serviceRole).close());
        assertTrue(none.getMessage().contains("password"), none.getMessage());
    }

    /** The tests' embedded server is set up as the run command's (the machine's server in CI is the machine's). */
    @Test
    void theEmbeddedServerIsPasswordOnlyWithoutSocketAndDurable() throws SQLException {
        assumeFalse(RealServer.configured(), "a real server's pg_hba and settings are its administrator's");
        assertTrue(dbAdmin.username().isPresent(), "the test resource publishes the superuser");
        try (Connection c = DbAdmin.connect(); Statement s = c.createStatement()) {
            assertEquals("scram-sha-256", single(s, "select string_agg(distinct coalesce(auth_method, 'ERROR'), ',')"
                    + " from pg_hba_file_rules"));
            assertEquals("", single(s, "show unix_socket_directories"));
            assertEquals("127.0.0.1", single(s, "show listen_addresses"));
            assertEquals("on", single(s, "show fsync"));
            assertEquals("on", single(s, "show synchronous_commit"));
        }
    }

    /** The superuser can still bypass the triggers: that is what the hash chain (item 3) must catch. */
    @Test
    void onlyTheSuperuserCanSilenceTriggers() throws SQLException {
        try (Connection c = DbAdmin.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("set local session_replication_role = replica");
            assertEquals("replica", single(s, "show session_replication_role"));
            c.rollback();
        }
    }

    private static long statementId(SettlementFixture canteen, YearMonth month) {
        JsonPath all = as(TestApi.FINANCE).get("/api/settlement/statements?month=" + month).then().statusCode(200)
                .extract().jsonPath();
        return ((Number) ((Map<?, ?>) all.get("find { it.canteenId == " + canteen.canteenId + " }")).get("id"))
                .longValue();
    }

    private static String single(Statement s, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        assertEquals(1, values.size(), sql);
        return values.get(0);
    }
}
