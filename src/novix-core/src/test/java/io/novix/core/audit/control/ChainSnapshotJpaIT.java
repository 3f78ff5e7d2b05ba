package io.novix.core.audit.control;

import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.keys.boundary.AuditSigningKeys;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verifier reads a chain's rows, then its checkpoints. A batch committed and a checkpoint signed
 * between the two reads, as under traffic, must not read as a truncated chain (a false tamper
 * alarm): the verifier reads the whole trail in one snapshot. Real PostgreSQL; the writer runs
 * exactly between the two reads, on its own connection.
 */
class ChainSnapshotJpaIT {

    @Test
    void aCheckpointSignedWhileTheVerifierReadsIsNoTruncation() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            DataSource ds = pg.getPostgresDatabase();
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            AuditSigningKeys.Signing signing = new AuditSigningKeys.Signing("snapshot-key", pair.getPrivate());
            ChainCursor chain = new ChainCursor(UUID.randomUUID());
            try (Connection writer = ds.getConnection(); Connection reader = ds.getConnection()) {
                try (PreparedStatement k = writer.prepareStatement(
                        "INSERT INTO audit_signing_key VALUES ('snapshot-key', ?, '\\x00', 'none', now())")) {
                    k.setBytes(1, pair.getPublic().getEncoded());
                    k.executeUpdate();
                }
                batchAndCheckpoint(writer, chain, signing, 0);

                AtomicBoolean raced = new AtomicBoolean();
                Connection racing = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                        (proxy, method, args) -> {
                            if ("prepareStatement".equals(method.getName()) && String.valueOf(args[0]).contains("FROM audit_checkpoint")
                                    && raced.compareAndSet(false, true)) {
                                batchAndCheckpoint(writer, chain, signing, 1); // committed after the rows were read
                            }
                            try {
                                return method.invoke(reader, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
                ChainVerifier.Result during = ChainVerifier.verify(racing, Map.of("snapshot-key", pair.getPublic()));
                assertTrue(raced.get(), "the second batch was written between the verifier's reads");
                assertTrue(during.verified(), "a checkpoint signed after the snapshot is not a truncation: " + during);
                assertEquals(10, during.checked(), "the rows of the snapshot");
                assertEquals(1, during.checkpoints());
                assertTrue(reader.getAutoCommit(), "the connection is handed back as it came");

                ChainVerifier.Result after = ChainVerifier.verify(reader, Map.of("snapshot-key", pair.getPublic()));
                assertTrue(after.verified(), after.toString());
                assertEquals(20, after.checked());
                assertEquals(2, after.checkpoints());
            }
        }
    }

    private static void batchAndCheckpoint(Connection c, ChainCursor chain, AuditSigningKeys.Signing signing, int batch)
            throws Exception {
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            entries.add(AuditEntry.denied(Instant.now(), "snap-" + batch + "-" + i, null, null, "inference.chat",
                    "/v1/chat/completions", 401, "invalid_token", 1));
        }
        AuditBatch.write(c, entries, chain, "writer");
        assertTrue(CheckpointSigner.write(c, new AuditWriter.Head(chain.id(), chain.nextSeq() - 1, chain.lastHash()), signing));
    }
}
