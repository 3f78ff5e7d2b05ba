package io.novix.core.platform.control;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, database roles: the application's role appends to and reads the audit trail, and can do
 * nothing else to it — no UPDATE, DELETE, TRUNCATE, ALTER or DROP — while its other tables stay
 * writable; TRUNCATE is refused even to the owner.
 */
class DatabaseRolesJpaIT {

    private static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        Flyway.configure().dataSource(pg.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE app_login LOGIN PASSWORD 'app-password-123'");
            s.execute("GRANT novix_app TO app_login");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    private static Connection app() throws SQLException {
        return pg.getDatabase("app_login", "postgres").getConnection();
    }

    @Test
    void theApplicationAppendsToTheAuditTrailAndCanDoNothingElseToIt() throws Exception {
        try (Connection c = app(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO audit_record (occurred_at, request_id, principal, action, outcome, http_status, latency_ms) "
                    + "VALUES (now(), 'roles-1', 'user:x', 'admin.tenant.read', 'SUCCESS', 200, 1)");
            try (var rs = s.executeQuery("SELECT count(*) FROM audit_record WHERE request_id = 'roles-1'")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
            for (String forbidden : List.of("UPDATE audit_record SET principal = 'user:y' WHERE request_id = 'roles-1'",
                    "DELETE FROM audit_record WHERE request_id = 'roles-1'", "TRUNCATE audit_record",
                    "TRUNCATE audit_checkpoint", "DELETE FROM audit_chain", "UPDATE audit_signing_key SET kek_id = 'x'",
                    "ALTER TABLE audit_record DISABLE TRIGGER audit_record_no_update", "DROP TABLE audit_record CASCADE",
                    "ALTER TABLE audit_record ADD COLUMN sneaky TEXT", "DROP TRIGGER audit_record_no_update ON audit_record",
                    "SELECT * FROM sql_auditor", "DELETE FROM flyway_schema_history")) {
                SQLException refused = assertThrows(SQLException.class, () -> s.execute(forbidden), forbidden);
                assertTrue(refused.getSQLState().equals("42501"), forbidden + ": " + refused.getSQLState() + " " + refused.getMessage());
            }
            // its working tables stay its own to change
            s.executeUpdate("INSERT INTO limit_counter (limit_key, period_start, used) VALUES ('roles-test', now(), 0)");
            assertEquals(1, s.executeUpdate("UPDATE limit_counter SET used = 1 WHERE limit_key = 'roles-test'"));
        }
    }

    @Test
    void truncatingTheTrailIsRefusedEvenToTheOwner() throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () -> s.execute("TRUNCATE audit_record"));
            assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        }
    }
}
