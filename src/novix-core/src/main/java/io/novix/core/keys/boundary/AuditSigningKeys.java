package io.novix.core.keys.boundary;

import jakarta.annotation.Resource;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Ed25519 keys that sign the audit chain's checkpoints: the private part sealed under the KEK
 * (never stored in clear), the public part published ({@code GET /admin/audit/keys}) so anyone can
 * verify an export offline. A key whose KEK is no longer configured is not used again: a new key
 * is made, and the old public key still verifies what it signed.
 */
@OneInstance
public class AuditSigningKeys {

    /** A key able to sign: its id (a fingerprint of the public key) and the private key. */
    public record Signing(String keyId, PrivateKey key) {
    }

    @Resource(lookup = "jdbc/novix")
    DataSource dataSource;

    @Inject
    DataKeys dataKeys;

    private volatile Signing current;

    public synchronized Signing current() {
        if (current != null) {
            return current;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT key_id, private_sealed, kek_id FROM audit_signing_key ORDER BY created_at DESC")) {
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    try {
                        byte[] pkcs8 = dataKeys.openUnderKek(rs.getString(3), rs.getBytes(2), binding(rs.getString(1)));
                        current = new Signing(rs.getString(1), KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
                        return current;
                    } catch (GeneralSecurityException e) {
                        // sealed under a KEK that is gone: keep looking, else make a new key
                    }
                }
            }
            current = create(c);
            return current;
        } catch (SQLException | GeneralSecurityException e) {
            throw new IllegalStateException("the audit signing key is unavailable: " + e.getMessage(), e);
        }
    }

    /** Every public key ever used, by id (X.509 SubjectPublicKeyInfo). */
    public Map<String, PublicKey> published() {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT key_id, public_key FROM audit_signing_key ORDER BY created_at")) {
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    keys.put(rs.getString(1), KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(rs.getBytes(2))));
                }
            }
            return keys;
        } catch (SQLException | GeneralSecurityException e) {
            throw new IllegalStateException("audit signing keys unreadable: " + e.getMessage(), e);
        }
    }

    private Signing create(Connection c) throws GeneralSecurityException, SQLException {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] publicKey = pair.getPublic().getEncoded();
        String id = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(publicKey), 0, 8);
        Map.Entry<String, byte[]> sealed = dataKeys.sealUnderKek(pair.getPrivate().getEncoded(), binding(id));
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_signing_key (key_id, public_key, private_sealed, kek_id, "
                + "created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING")) {
            insert.setString(1, id);
            insert.setBytes(2, publicKey);
            insert.setBytes(3, sealed.getValue());
            insert.setString(4, sealed.getKey());
            insert.setObject(5, Instant.now().atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
        return new Signing(id, pair.getPrivate());
    }

    private static String binding(String keyId) {
        return "audit-signing-key:" + keyId;
    }
}
