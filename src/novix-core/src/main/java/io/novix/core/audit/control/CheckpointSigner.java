package io.novix.core.audit.control;

import io.novix.core.audit.entity.ChainedRow;
import io.novix.core.audit.entity.Checkpoint;
import io.novix.core.keys.boundary.AuditSigningKeys;
import jakarta.annotation.Resource;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;

/** Signs a chain's committed head as a new checkpoint, linked to the chain's previous checkpoint. */
@OneInstance
public class CheckpointSigner {

    @Resource(lookup = "jdbc/novix")
    DataSource dataSource;

    @Inject
    AuditSigningKeys keys;

    /** Signs {@code head} unless it is already the chain's last checkpoint; whether one was written. */
    public synchronized boolean checkpoint(AuditWriter.Head head) {
        try (Connection c = dataSource.getConnection()) {
            return write(c, head, keys.current());
        } catch (SQLException | GeneralSecurityException e) {
            throw new IllegalStateException("audit checkpoint not written: " + e.getMessage(), e);
        }
    }

    /** The checkpoint written on {@code c} with {@code signing}, as {@link #checkpoint} does (also for tests). */
    static boolean write(Connection c, AuditWriter.Head head, AuditSigningKeys.Signing signing)
            throws SQLException, GeneralSecurityException {
        Long previousId = null;
        byte[] previousSignature = null;
        try (PreparedStatement last = c.prepareStatement("SELECT id, chain_seq, signature FROM audit_checkpoint WHERE chain_id = ? "
                + "ORDER BY id DESC LIMIT 1")) {
            last.setObject(1, head.chain(), Types.OTHER);
            try (ResultSet rs = last.executeQuery()) {
                if (rs.next()) {
                    if (rs.getLong(2) >= head.seq()) {
                        return false;
                    }
                    previousId = rs.getLong(1);
                    previousSignature = rs.getBytes(3);
                }
            }
        }
        Checkpoint checkpoint = new Checkpoint(head.chain(), head.seq(), head.hash(), ChainedRow.stored(Instant.now()),
                previousSignature, signing.keyId());
        Signature ed = Signature.getInstance("Ed25519");
        ed.initSign(signing.key());
        ed.update(checkpoint.signedBytes());
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_checkpoint (chain_id, chain_seq, head_hash, signed_at, "
                + "previous_id, key_id, signature) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, head.chain(), Types.OTHER);
            insert.setLong(2, head.seq());
            insert.setBytes(3, head.hash());
            insert.setObject(4, checkpoint.signedAt().atOffset(ZoneOffset.UTC));
            insert.setObject(5, previousId, Types.BIGINT);
            insert.setString(6, signing.keyId());
            insert.setBytes(7, ed.sign());
            insert.executeUpdate();
        }
        return true;
    }
}
