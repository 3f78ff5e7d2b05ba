package io.novix.core.audit.control;

import io.novix.core.audit.entity.AdminChange;
import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.audit.entity.InferenceDetail;
import io.novix.core.audit.entity.Outcome;
import io.novix.core.identity.entity.Principal;
import io.novix.core.keys.entity.Sealed;
import io.novix.core.tenant.entity.TenantId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, auditors' SQL on a real PostgreSQL: the ten documented queries (read from
 * docs/audit.md, so the manual cannot drift from the views) run as a tenant's auditor, who sees
 * only that tenant, and as a platform auditor, who sees all; neither can read the tables or write.
 */
class AuditorViewsJpaIT {

    private static EmbeddedPostgres pg;
    private static DataSource ds;
    private static final UUID ACME = UUID.randomUUID();
    private static final UUID GLOBEX = UUID.randomUUID();

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        ds = pg.getPostgresDatabase();
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (Object[] t : new Object[][]{{ACME, "acme"}, {GLOBEX, "globex"}}) {
                s.executeUpdate("INSERT INTO tenant (id, slug, name, tier, home_region, status, created_at) VALUES ('" + t[0] + "', '"
                        + t[1] + "', '" + t[1] + "', 'ENTERPRISE', 'eu-west-1', 'ACTIVE', now())");
            }
            s.executeUpdate("CREATE ROLE acme_auditor LOGIN PASSWORD 'pw' IN ROLE novix_auditor");
            s.executeUpdate("CREATE ROLE jane_platform LOGIN PASSWORD 'pw' IN ROLE novix_platform_auditor");
            s.executeUpdate("INSERT INTO sql_auditor (role_name, tenant_id) VALUES ('acme_auditor', '" + ACME + "')");
            List<AuditEntry> entries = new ArrayList<>();
            for (UUID tenant : List.of(ACME, GLOBEX)) {
                Instant at = Instant.now();
                entries.add(AuditEntry.inference(at, "call-" + tenant, TenantId.of(tenant), Principal.token("nvx_" + tenant.toString()
                                .substring(0, 4)), null, "inference.chat", "acme/model", Outcome.SUCCESS, 200, null, 10, 20, 30, 1,
                        new InferenceDetail("chat-completion", "http://up", "eu-west-1", false, "CLOSED", null, 5, "EMAIL=1",
                                new BigDecimal("0.0001"), "rpm=100000;residency=REGIONAL;regions=eu-west-1")));
                entries.add(AuditEntry.inference(at, "refused-" + tenant, TenantId.of(tenant), Principal.token("nvx_x"), null,
                        "inference.chat", "acme/model", Outcome.DENIED, 402, "budget_exceeded", 1, 0, 0, 0,
                        new InferenceDetail(null, null, null, false, null, null, null, null, null, "rpm=100000;budget=1")));
                entries.add(AuditEntry.admin(at, "bind-" + tenant, TenantId.of(tenant), Principal.token("adm"), "admin.role.bind",
                        "user x", 200, null, 2, null, new AdminChange("tenant-admin", null, null, new Sealed(1, new byte[]{1}))));
            }
            AuditBatch.write(c, entries, new ChainCursor(UUID.randomUUID()), "test");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    private static Connection as(String role) throws SQLException {
        return DriverManager.getConnection(pg.getJdbcUrl(role, "postgres"), role, "pw");
    }

    /** The ten queries of docs/audit.md#auditors-sql, as documented. */
    private static List<String> documentedQueries() throws Exception {
        String doc = Files.readString(Path.of("../../docs/audit.md"));
        String block = doc.substring(doc.indexOf("<!-- auditor-queries -->"), doc.indexOf("<!-- /auditor-queries -->"));
        block = block.substring(block.indexOf("```sql") + 6, block.lastIndexOf("```"));
        List<String> queries = new ArrayList<>();
        for (String q : block.split(";\\s*\\n")) {
            if (!q.isBlank()) {
                queries.add(q.strip());
            }
        }
        return queries;
    }

    private static Set<String> tenantsSeen(Connection c, String sql) throws SQLException {
        Set<String> tenants = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            int col = -1;
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                col = "tenant".equals(meta.getColumnLabel(i)) ? i : col;
            }
            while (rs.next()) {
                tenants.add(col < 0 ? "(no tenant column)" : String.valueOf(rs.getString(col)));
            }
        }
        return tenants;
    }

    @Test
    void theTenDocumentedQueriesRunAndATenantAuditorSeesOnlyItsTenant() throws Exception {
        List<String> queries = documentedQueries();
        assertEquals(10, queries.size(), "the manual has ten queries");
        Set<String> tenantAuditorSaw = new HashSet<>();
        Set<String> platformSaw = new HashSet<>();
        try (Connection acme = as("acme_auditor"); Connection jane = as("jane_platform")) {
            for (String q : queries) {
                Set<String> mine = tenantsSeen(acme, q);
                mine.remove("(no tenant column)");
                tenantAuditorSaw.addAll(mine);
                platformSaw.addAll(tenantsSeen(jane, q));
            }
            assertEquals(Set.of("acme"), tenantAuditorSaw, "a tenant's auditor sees its tenant only");
            assertTrue(platformSaw.containsAll(Set.of("acme", "globex")), "the platform auditor sees every tenant: " + platformSaw);
            assertEquals(Set.of(), tenantsSeen(acme, queries.get(9)), "the chains are platform-level");
            assertFalse(tenantsSeen(jane, queries.get(9)).isEmpty(), "but the platform auditor sees them");
        }
    }

    @Test
    void auditorsReadTheViewsAndNothingElseAndWriteNothing() throws Exception {
        try (Connection acme = as("acme_auditor"); Statement s = acme.createStatement()) {
            for (String forbidden : List.of("SELECT * FROM audit_record", "SELECT * FROM tenant", "SELECT * FROM sql_auditor",
                    "DELETE FROM audit_record", "TRUNCATE audit_record", "UPDATE audit_record SET target = 'x'",
                    "INSERT INTO sql_auditor VALUES ('acme_auditor', '" + GLOBEX + "')", "DROP VIEW audit_calls",
                    "SELECT * FROM api_token")) {
                SQLException e = assertThrows(SQLException.class, () -> s.execute(forbidden), forbidden);
                assertTrue("42501".equals(e.getSQLState()) || "42809".equals(e.getSQLState()), forbidden + ": " + e.getSQLState());
            }
        }
        try (Connection nobody = DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"), "postgres", "pw");
             Statement s = nobody.createStatement()) {
            s.executeUpdate("CREATE ROLE stranger LOGIN PASSWORD 'pw'");
            s.executeUpdate("GRANT novix_auditor TO stranger"); // an auditor no tenant was given
        }
        try (Connection stranger = as("stranger")) {
            assertEquals(Set.of(), tenantsSeen(stranger, "SELECT tenant FROM audit_calls"), "listed nowhere: sees no row");
        }
    }
}
