package io.novix.core.audit.control;

import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.identity.entity.Principal;
import io.novix.core.tenant.entity.TenantId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, partitions and retention on a real PostgreSQL: a month is dropped only once it is past
 * retention, exported, and free of legal holds; the chains still verify from where retention left
 * them; the application can neither drop nor truncate a month itself.
 */
class AuditRetentionJpaIT {

    private static EmbeddedPostgres pg;
    private static final UUID TENANT = UUID.randomUUID();

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        Flyway.configure().dataSource(pg.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
        sql("INSERT INTO tenant (id, slug, name, tier, home_region, status, created_at) VALUES ('" + TENANT
                + "', 'held', 'Held', 'STANDARD', 'eu-west-1', 'ACTIVE', now())");
        sql("CREATE TABLE audit_record_2024_01 PARTITION OF audit_record FOR VALUES FROM ('2024-01-01 00:00:00+00') "
                + "TO ('2024-02-01 00:00:00+00')"); // a month long past (the function makes months ahead only)
        sql("CREATE ROLE retention_app LOGIN PASSWORD 'retention-app-1'");
        sql("GRANT novix_app TO retention_app");
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    @Test
    void aMonthIsDroppedOnlyExportedAndUnheldAndTheChainVerifiesFromItsAnchor() throws Exception {
        ChainCursor chain = new ChainCursor(UUID.randomUUID(), "retention-test");
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            AuditBatch.write(c, List.of(entry("2024-01-10T10:00:00Z"), entry("2024-01-11T10:00:00Z"), entry("2024-01-12T10:00:00Z")),
                    chain, "w");
            AuditBatch.write(c, List.of(entry(Instant.now().toString()), entry(Instant.now().toString())), chain, "w");
        }
        assertEquals(List.of(), drop(400), "not exported yet");
        sql("INSERT INTO audit_archive (partition_name, exported_at, exported_by, rows_exported, sha256) "
                + "VALUES ('audit_record_2024_01', now(), 'platform-admin', 3, decode(repeat('ab', 32), 'hex'))");
        sql("INSERT INTO audit_legal_hold (tenant_id, reason, placed_at, placed_by) VALUES ('" + TENANT
                + "', 'litigation 2026-17', now(), 'platform-admin')");
        assertEquals(List.of(), drop(400), "a tenant with entries in the month is under legal hold");
        assertEquals(List.of(), drop(5000), "and not past a longer retention either");
        sql("UPDATE audit_legal_hold SET released_at = now(), released_by = 'platform-admin' WHERE tenant_id = '" + TENANT + "'");
        assertEquals(List.of("audit_record_2024_01"), drop(400));
        assertEquals(List.of(), drop(400), "once");

        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT chain_seq FROM audit_retention_anchor WHERE chain_id = '" + chain.id() + "'")) {
            assertTrue(rs.next());
            assertEquals(3, rs.getLong(1), "verification of the chain starts after the last dropped entry");
        }
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            ChainVerifier.Result verified = ChainVerifier.verify(c, Map.of());
            assertTrue(verified.verified(), () -> "the retained entries verify: " + verified.firstFailure());
            sql("ALTER TABLE audit_record DISABLE TRIGGER USER");
            sql("DELETE FROM audit_record WHERE chain_id = '" + chain.id() + "' AND chain_seq = 4");
            sql("ALTER TABLE audit_record ENABLE TRIGGER USER");
            ChainVerifier.Result tampered = ChainVerifier.verify(c, Map.of());
            assertEquals(ChainVerifier.Kind.DELETED, tampered.firstFailure().kind(), "a retained entry removed is still found");
        }
    }

    @Test
    void theApplicationCanNeitherDropNorTruncateAMonth() throws Exception {
        String month = "audit_record_" + YearMonth.now(ZoneOffset.UTC).toString().replace('-', '_');
        try (Connection c = pg.getDatabase("retention_app", "postgres").getConnection(); Statement s = c.createStatement()) {
            for (String forbidden : List.of("DROP TABLE " + month, "TRUNCATE " + month, "ALTER TABLE audit_record DETACH PARTITION " + month,
                    "DELETE FROM " + month)) {
                SQLException e = assertThrows(SQLException.class, () -> s.execute(forbidden), forbidden);
                assertEquals("42501", e.getSQLState(), forbidden + ": " + e.getMessage());
            }
            SQLException tooShort = assertThrows(SQLException.class, () -> s.execute("SELECT audit_drop_expired(interval '1 day')"));
            assertTrue(tooShort.getMessage().contains("30 days"), tooShort.getMessage());
            try (ResultSet rs = s.executeQuery("SELECT audit_ensure_partitions(2)")) {
                rs.next(); // the application may make months ahead (through the function), nothing else
            }
        }
    }

    private static List<String> drop(int days) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = pg.getDatabase("retention_app", "postgres").getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT audit_drop_expired(make_interval(days => " + days + "))")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static AuditEntry entry(String at) {
        return AuditEntry.request(Instant.parse(at), "ret-" + UUID.randomUUID(), TenantId.of(TENANT), new Principal("user:a"),
                "admin.tenant.read", "GET /admin/tenants", 200, null, 1, null);
    }

    private static void sql(String sql) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
