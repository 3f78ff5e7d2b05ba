package io.novix.core.keys.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.UUID;

/**
 * One version of a tenant's data key (AES-256), stored only wrapped under a KEK. Sensitive fields
 * are sealed under the newest version; older versions stay to open what they sealed. Platform-wide
 * records (no tenant) use {@link #PLATFORM}.
 */
@Entity
@Table(name = "data_key")
public class DataKey {

    /** The owner of data keys for records that belong to no tenant. */
    public static final UUID PLATFORM = new UUID(0, 0);

    @Id
    @Column(length = 48)
    private String id;
    @Column(name = "tenant_id", nullable = false)
    private UUID tenantId;
    @Column(nullable = false)
    private int version;
    @Column(name = "wrapped_key", nullable = false)
    private byte[] wrappedKey;
    @Column(name = "kek_id", nullable = false, length = 16)
    private String kekId;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "rewrapped_at")
    private Instant rewrappedAt;

    protected DataKey() {
    }

    /** Version {@code version} of the tenant's data key, stored wrapped under {@code kek}. */
    public DataKey(UUID tenantId, int version, SecretKey key, Kek kek, Instant now) {
        this.id = tenantId + "/" + version;
        this.tenantId = tenantId;
        this.version = version;
        this.wrappedKey = kek.wrap(key, binding(tenantId, version));
        this.kekId = kek.id();
        this.createdAt = now;
    }

    /** A fresh random AES-256 key. */
    public static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is mandatory in every JRE", e);
        }
    }

    public SecretKey unwrap(Kek kek) throws GeneralSecurityException {
        return kek.unwrap(wrappedKey, binding(tenantId, version));
    }

    /** The same data key, wrapped under another KEK (rotation of the KEK: the data stays as it is). */
    public void rewrap(Kek from, Kek to, Instant now) throws GeneralSecurityException {
        wrappedKey = to.wrap(unwrap(from), binding(tenantId, version));
        kekId = to.id();
        rewrappedAt = now;
    }

    /** Associated data: a wrapped key copied to another tenant's or version's row does not open. */
    private static String binding(UUID tenantId, int version) {
        return "data-key:" + tenantId + ":" + version;
    }

    public UUID tenantId() { return tenantId; }
    public int version() { return version; }
    public String kekId() { return kekId; }
    public Instant createdAt() { return createdAt; }
    public Instant rewrappedAt() { return rewrappedAt; }
}
