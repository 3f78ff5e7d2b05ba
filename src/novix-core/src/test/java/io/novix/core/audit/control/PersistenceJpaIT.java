package io.novix.core.audit.control;

import io.novix.core.tenant.entity.TenantId;
import io.novix.core.identity.entity.Principal;
import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.audit.entity.AuditRecord;
import io.novix.core.audit.entity.Outcome;
import io.novix.core.tenant.entity.Tenant;
import io.novix.core.tenant.entity.Tier;
import io.novix.core.token.entity.ApiToken;
import io.novix.core.identity.entity.Scope;
import io.novix.core.token.entity.TokenFormat;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real persistence unit on a real PostgreSQL: the SchemaMigrator integrator applies
 * db-migrations/ with Flyway, Hibernate validates the mappings against that schema, and the
 * audit group commit writes through plain JDBC.
 */
class PersistenceJpaIT {

    private static EmbeddedPostgres pg;
    private static EntityManagerFactory emf;
    private static DataSource ds;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        ds = pg.getPostgresDatabase();
        emf = Persistence.createEntityManagerFactory("novix", Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.nonJtaDataSource", ds,
                "hibernate.transaction.jta.platform", "org.hibernate.engine.transaction.jta.platform.internal.NoJtaPlatform"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (emf != null) {
            emf.close();
        }
        pg.close();
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Tenant persistTenant(EntityManager em, String slug) {
        Tenant t = new Tenant(slug, "Tenant " + slug, Tier.GOVERNMENT, "us-gov-1", Instant.now().truncatedTo(ChronoUnit.MICROS));
        em.getTransaction().begin();
        em.persist(t);
        em.getTransaction().commit();
        return t;
    }

    @Test
    void migrationsRanBeforeValidation() throws Exception {
        long migrations;
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("../../db-migrations"))) {
            migrations = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
        assertTrue(migrations >= 5);
        assertEquals(migrations, count("SELECT count(*) FROM flyway_schema_history WHERE success"), "every file in db-migrations/ applied");
    }

    @Test
    void tenantsAndTokensRoundTrip() {
        EntityManager em = emf.createEntityManager();
        Tenant tenant = persistTenant(em, "gov-" + UUID.randomUUID().toString().substring(0, 6));
        TokenFormat.Generated g = TokenFormat.generate(new SecureRandom());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        em.getTransaction().begin();
        em.persist(new ApiToken(tenant, "ci", g.prefix(), TokenFormat.hash(g.token()), Set.of(Scope.INFERENCE_CHAT),
                now.plus(Duration.ofDays(1)), now));
        em.getTransaction().commit();
        em.clear();

        ApiToken found = em.createNamedQuery(ApiToken.BY_PREFIX, ApiToken.class).setParameter("prefix", g.prefix()).getSingleResult();
        assertEquals(tenant.id(), found.tenantId());
        assertEquals(Tier.GOVERNMENT, found.tenant().tier());
        assertEquals(Set.of(Scope.INFERENCE_CHAT), found.scopeSet());
        assertEquals(io.novix.core.identity.entity.TokenVerdict.VALID, found.judge(TokenFormat.hash(g.token()), now));
        em.close();
    }

    @Test
    void slugsAreUnique() {
        EntityManager em = emf.createEntityManager();
        String slug = "dup-" + UUID.randomUUID().toString().substring(0, 6);
        persistTenant(em, slug);
        assertThrows(PersistenceException.class, () -> persistTenant(em, slug));
        em.close();
    }

    @Test
    void groupCommitWritesTheBatchAndTouchesTokens() throws Exception {
        EntityManager em = emf.createEntityManager();
        Tenant tenant = persistTenant(em, "aud-" + UUID.randomUUID().toString().substring(0, 6));
        TokenFormat.Generated g = TokenFormat.generate(new SecureRandom());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ApiToken token = new ApiToken(tenant, "ci", g.prefix(), TokenFormat.hash(g.token()), Set.of(Scope.INFERENCE_CHAT),
                now.plus(Duration.ofDays(1)), now);
        em.getTransaction().begin();
        em.persist(token);
        em.getTransaction().commit();

        String request = UUID.randomUUID().toString();
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            entries.add(AuditEntry.inference(now.plusMillis(i), request, TenantId.of(tenant.id()), Principal.token(g.prefix()), token.id(),
                    "inference.chat", "m/x", Outcome.SUCCESS, 200, null, 12, 10, 20, 1, null));
        }
        try (Connection c = ds.getConnection()) {
            AuditBatch.write(c, entries);
        }
        assertEquals(250, count("SELECT count(*) FROM audit_record WHERE request_id = '" + request + "'"));
        em.clear();
        AuditRecord first = em.createNamedQuery(AuditRecord.BY_REQUEST, AuditRecord.class).setParameter("requestId", request)
                .setMaxResults(1).getSingleResult();
        assertEquals(20, first.tokensOut());
        assertEquals(now.plusMillis(249), em.find(ApiToken.class, token.id()).lastUsedAt(), "newest use of the batch");
        em.close();
    }

    @Test
    void auditRowsCannotBeChangedOrDeleted() throws Exception {
        try (Connection c = ds.getConnection()) {
            AuditBatch.write(c, List.of(AuditEntry.denied(Instant.now(), "immutable", null, Principal.anonymous(), "inference.chat",
                    null, 401, "missing_token", 1)));
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE audit_record SET outcome = 'SUCCESS' WHERE request_id = 'immutable'"));
            assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM audit_record WHERE request_id = 'immutable'"));
        }
        assertTrue(count("SELECT count(*) FROM audit_record WHERE request_id = 'immutable' AND outcome = 'DENIED'") == 1);
    }
}
