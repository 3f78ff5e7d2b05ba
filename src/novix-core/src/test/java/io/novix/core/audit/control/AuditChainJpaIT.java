package io.novix.core.audit.control;

import io.novix.core.audit.entity.AdminChange;
import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.audit.entity.ChainedRow;
import io.novix.core.audit.entity.InferenceDetail;
import io.novix.core.audit.entity.Outcome;
import io.novix.core.identity.entity.Principal;
import io.novix.core.keys.boundary.AuditSigningKeys;
import io.novix.core.keys.entity.Sealed;
import io.novix.core.tenant.entity.TenantId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, tamper evidence on a real PostgreSQL: two writers' chains with checkpoints verify; then
 * 1,000 random tamperings, each applied directly in PostgreSQL as its owner could (triggers off),
 * are every one detected, with the right kind and place.
 */
class AuditChainJpaIT {

    private static EmbeddedPostgres pg;
    private static DataSource ds;
    private static Map<String, PublicKey> keys;
    private static final List<UUID> CHAINS = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        ds = pg.getPostgresDatabase();
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        AuditSigningKeys.Signing signing = new AuditSigningKeys.Signing("test-key", pair.getPrivate());
        keys = Map.of("test-key", pair.getPublic());
        try (Connection c = ds.getConnection(); PreparedStatement k = c.prepareStatement(
                "INSERT INTO audit_signing_key VALUES ('test-key', ?, '\\x00', 'none', now())")) {
            k.setBytes(1, pair.getPublic().getEncoded());
            k.executeUpdate();
            for (int w = 0; w < 2; w++) { // two instances, each its own chain, three batches and a checkpoint after each
                ChainCursor chain = new ChainCursor(UUID.randomUUID());
                CHAINS.add(chain.id());
                for (int b = 0; b < 3; b++) {
                    AuditBatch.write(c, entries(w, b), chain, "writer-" + w);
                    assertTrue(CheckpointSigner.write(c, new AuditWriter.Head(chain.id(), chain.nextSeq() - 1, chain.lastHash()), signing));
                }
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    private static List<AuditEntry> entries(int writer, int batch) {
        List<AuditEntry> all = new ArrayList<>();
        UUID tenant = UUID.randomUUID();
        for (int i = 0; i < 20; i++) {
            Instant at = Instant.now().plusNanos(i * 1_001L);
            String id = "w" + writer + "-b" + batch + "-" + i;
            all.add(switch (i % 4) {
                case 0 -> AuditEntry.inference(at, id, TenantId.of(tenant), Principal.token("nvx_" + i), null, "inference.chat",
                        "acme/model-" + i, Outcome.SUCCESS, 200, null, 12 + i, 30 + i, 7 * i, 1,
                        new InferenceDetail("chat-completion", "http://up", "eu-west-1", i % 8 == 0, "CLOSED", null, 5, "EMAIL=1",
                                new BigDecimal("0.0000123456789"), "rpm=10000"));
                case 1 -> AuditEntry.admin(at, id, TenantId.of(tenant), Principal.token("adm_" + i), "admin.token.issue", "token " + i, 201,
                        null, 3, null, new AdminChange("tenant-admin", null, null, new Sealed(1, new byte[]{1, 2, 3, (byte) i})));
                case 2 -> AuditEntry.denied(at, id, null, null, "inference.chat", "/v1/chat/completions", 401, "invalid_token", 1);
                default -> AuditEntry.admin(at, id, TenantId.of(tenant), Principal.token("adm_" + i), "admin.policy.set", "p", 200,
                        null, 2, null, new AdminChange("platform-admin", "{\"half\":", null, null)); // refused JSON: quarantined
            });
        }
        return all;
    }

    private static ChainVerifier.Result verify(Connection c) throws SQLException {
        return ChainVerifier.verify(c, keys);
    }

    @Test
    void untouchedChainsVerifyWithEveryEntryAndCheckpoint() throws Exception {
        try (Connection c = ds.getConnection()) {
            ChainVerifier.Result r = verify(c);
            assertTrue(r.verified(), String.valueOf(r.firstFailure()));
            assertEquals(120, r.checked());
            assertEquals(2, r.chains());
            assertEquals(6, r.checkpoints());
            try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM audit_record WHERE quarantined")) {
                rs.next();
                assertEquals(30, rs.getInt(1), "quarantined entries are chained too");
            }
        }
    }

    @Test
    void everyOneOfAThousandRandomTamperingsIsDetectedWithItsKind() throws Exception {
        Random random = new Random(20261203);
        Map<ChainVerifier.Kind, Integer> seen = new EnumMap<>(ChainVerifier.Kind.class);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            for (int n = 0; n < 1000; n++) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL session_replication_role = replica"); // what the owner could do: triggers off
                }
                UUID chain = CHAINS.get(random.nextInt(CHAINS.size()));
                List<ChainVerifier.Row> rows = ChainVerifier.rows(c, chain);
                Expected expected = tamper(c, chain, rows, random);
                ChainVerifier.Result r = verify(c);
                assertFalse(r.verified(), n + ": " + expected + " went unnoticed");
                assertNotNull(r.firstFailure());
                assertEquals(expected.kind(), r.firstFailure().kind(), n + ": " + expected + " → " + r.firstFailure());
                assertEquals(chain, r.firstFailure().chain(), n + ": " + expected);
                if (expected.seq() > 0) {
                    assertEquals(expected.seq(), r.firstFailure().seq(), n + ": " + expected + " → " + r.firstFailure());
                }
                seen.merge(expected.kind(), 1, Integer::sum);
                c.rollback();
            }
        }
        assertEquals(ChainVerifier.Kind.values().length, seen.size(), "every kind was tried: " + seen);
    }

    private record Expected(ChainVerifier.Kind kind, long seq, String what) {
    }

    private static final String[] FIELDS = {"principal = principal || 'x'", "target = 'forged'", "http_status = 299",
            "tokens_in = tokens_in + 1", "tokens_out = 0", "cost_usd = 0.5", "occurred_at = occurred_at + interval '1 microsecond'",
            "error_code = 'none'", "tenant_id = gen_random_uuid()", "redactions = NULL", "outcome = 'FAILED'",
            "change_sealed = '\\x0102'", "quarantined = NOT quarantined", "request_id = 'other'", "latency_ms = 0",
            "client_address = '10.0.0.1'", "policy_verdict = 'rpm=1'", "action = 'admin.tenant.read'"};

    private static Expected tamper(Connection c, UUID chain, List<ChainVerifier.Row> rows, Random random) throws SQLException {
        int n = rows.size();
        int kind = random.nextInt(7);
        ChainVerifier.Row row = rows.get(random.nextInt(n));
        switch (kind) {
            case 0 -> { // a column changed in place
                String field = FIELDS[random.nextInt(FIELDS.length)];
                int changed = update(c, "UPDATE audit_record SET " + field + " WHERE id = ?", row.id());
                if (changed == 1 && !unchanged(c, chain, rows, row)) {
                    return new Expected(ChainVerifier.Kind.CHANGED, row.seq(), field);
                }
                return tamper(c, chain, rows, random); // the update changed nothing (e.g. NULL already): try another
            }
            case 1 -> { // an entry deleted from the middle
                ChainVerifier.Row middle = rows.get(random.nextInt(n - 1));
                update(c, "DELETE FROM audit_record WHERE id = ?", middle.id());
                return new Expected(ChainVerifier.Kind.DELETED, middle.seq(), "delete " + middle.seq());
            }
            case 2 -> { // a forged entry inserted at k, the rest renumbered to make room
                long k = 1 + random.nextInt(n);
                shift(c, chain, k, 1);
                try (PreparedStatement p = c.prepareStatement("INSERT INTO audit_record (occurred_at, request_id, principal, action, outcome, "
                        + "http_status, latency_ms, chain_id, chain_seq, entry_hash) VALUES (now(), 'forged', 'token:x', 'inference.chat', "
                        + "'SUCCESS', 200, 1, ?, ?, ?)")) {
                    p.setObject(1, chain, Types.OTHER);
                    p.setLong(2, k);
                    p.setBytes(3, new byte[32]);
                    p.executeUpdate();
                }
                return new Expected(ChainVerifier.Kind.INSERTED, k, "insert at " + k);
            }
            case 3 -> { // two entries swapped
                int a = random.nextInt(n - 1);
                int b = a + 1 + random.nextInt(n - a - 1);
                swap(c, rows.get(a).id(), rows.get(b).id());
                return new Expected(ChainVerifier.Kind.REORDERED, rows.get(a).seq(), "swap " + rows.get(a).seq() + "/" + rows.get(b).seq());
            }
            case 4 -> { // the tail cut off
                int cut = 1 + random.nextInt(Math.min(5, n - 1));
                update(c, "DELETE FROM audit_record WHERE chain_id = '" + chain + "' AND chain_seq > " + (n - cut), -1);
                return new Expected(ChainVerifier.Kind.TAIL_TRUNCATED, n - cut + 1, "cut " + cut);
            }
            case 5 -> { // an entry changed and the whole chain re-hashed from there: only the signed checkpoints tell
                rehash(c, chain, rows, row);
                return new Expected(ChainVerifier.Kind.CHAIN_REPLACED, 0, "rehash from " + row.seq());
            }
            default -> { // a checkpoint's signature forged
                update(c, "UPDATE audit_checkpoint SET signature = set_byte(signature, 0, (get_byte(signature, 0) + 1) % 256) "
                        + "WHERE id = (SELECT id FROM audit_checkpoint WHERE chain_id = '" + chain + "' ORDER BY random() LIMIT 1)", -1);
                return new Expected(ChainVerifier.Kind.CHAIN_REPLACED, 0, "forged checkpoint");
            }
        }
    }

    private static boolean unchanged(Connection c, UUID chain, List<ChainVerifier.Row> before, ChainVerifier.Row row) throws SQLException {
        for (ChainVerifier.Row after : ChainVerifier.rows(c, chain)) {
            if (after.id() == row.id()) {
                return java.util.Arrays.equals(after.content().hash(new byte[32]), row.content().hash(new byte[32]));
            }
        }
        return false;
    }

    private static void rehash(Connection c, UUID chain, List<ChainVerifier.Row> rows, ChainVerifier.Row from) throws SQLException {
        update(c, "UPDATE audit_record SET target = 'rewritten history' WHERE id = ?", from.id());
        byte[] previous = ChainedRow.GENESIS;
        for (ChainVerifier.Row r : ChainVerifier.rows(c, chain)) {
            byte[] hash = r.content().hash(previous);
            try (PreparedStatement p = c.prepareStatement("UPDATE audit_record SET entry_hash = ? WHERE id = ?")) {
                p.setBytes(1, hash);
                p.setLong(2, r.id());
                p.executeUpdate();
            }
            previous = hash;
        }
    }

    private static void shift(Connection c, UUID chain, long from, long by) throws SQLException {
        update(c, "UPDATE audit_record SET chain_seq = chain_seq + 1000000 WHERE chain_id = '" + chain + "' AND chain_seq >= " + from, -1);
        update(c, "UPDATE audit_record SET chain_seq = chain_seq - 1000000 + " + by + " WHERE chain_id = '" + chain
                + "' AND chain_seq >= 1000000", -1);
    }

    private static void swap(Connection c, long a, long b) throws SQLException {
        update(c, "UPDATE audit_record SET chain_seq = chain_seq + 1000000 WHERE id IN (" + a + ", " + b + ")", -1);
        update(c, "UPDATE audit_record x SET chain_seq = y.chain_seq - 1000000 FROM audit_record y WHERE "
                + "(x.id, y.id) IN ((" + a + ", " + b + "), (" + b + ", " + a + "))", -1);
    }

    private static int update(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            if (id >= 0) {
                p.setLong(1, id);
            }
            return p.executeUpdate();
        }
    }
}
