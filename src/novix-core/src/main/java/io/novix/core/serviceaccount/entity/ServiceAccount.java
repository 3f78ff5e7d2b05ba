package io.novix.core.serviceaccount.entity;

import io.novix.core.identity.entity.PermissionMatrix;
import io.novix.core.identity.entity.Role;
import io.novix.core.identity.entity.Scope;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * A machine identity of one tenant. It trades its client id and secret (OAuth2 client credentials)
 * for short-lived JWTs; it always acts with the {@code service} role, narrowed to its scopes.
 */
@Entity
@Table(name = "service_account")
@NamedQuery(name = ServiceAccount.OF_TENANT, query = "SELECT s FROM ServiceAccount s WHERE s.tenantId = :tenant ORDER BY s.createdAt")
@NamedQuery(name = ServiceAccount.BY_CLIENT, query = "SELECT s FROM ServiceAccount s WHERE s.clientId = :client")
public class ServiceAccount {

    public static final String OF_TENANT = "ServiceAccount.ofTenant";
    public static final String BY_CLIENT = "ServiceAccount.byClient";

    @Id
    private UUID id;
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;
    @Column(nullable = false, length = 100)
    private String name;
    @Column(name = "client_id", nullable = false, length = 64, updatable = false)
    private String clientId;
    @Column(name = "secret_hash", nullable = false)
    private byte[] secretHash;
    @Column(nullable = false, length = 500)
    private String scopes;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "disabled_at")
    private Instant disabledAt;
    @Column(name = "secret_rotated_at")
    private Instant secretRotatedAt;
    @Version
    private long version;

    protected ServiceAccount() {
    }

    public ServiceAccount(UUID tenantId, String name, String clientId, byte[] secretHash, Set<Scope> scopes, Instant now) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("name must be 1-100 characters");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException("a service account needs at least one scope");
        }
        for (Scope s : scopes) {
            if (!PermissionMatrix.scopeFits(Role.SERVICE, s)) {
                throw new IllegalArgumentException("scope " + s.value() + " is of no use to the role service");
            }
        }
        this.id = UUID.randomUUID();
        this.tenantId = tenantId;
        this.name = name.strip();
        this.clientId = clientId;
        this.secretHash = checked(secretHash);
        this.scopes = Scope.joinAll(scopes);
        this.createdAt = now;
    }

    /** True for the right secret of an enabled account; the hash is compared in constant time. */
    public boolean accepts(byte[] presentedHash) {
        return MessageDigest.isEqual(secretHash, presentedHash) && disabledAt == null;
    }

    /** A new secret; the old one stops working at once (JWTs already issued live out their ≤ 15 minutes). */
    public void replaceSecret(byte[] newHash, Instant now) {
        if (disabledAt != null) {
            throw new IllegalStateException("a disabled service account keeps no secret");
        }
        secretHash = checked(newHash);
        secretRotatedAt = now;
    }

    public void disable(Instant now) {
        if (disabledAt == null) {
            disabledAt = now;
        }
    }

    /** The requested scopes, all of which the account must hold; none requested means all it holds. */
    public Set<Scope> grant(Set<Scope> requested) {
        Set<Scope> held = scopeSet();
        if (requested.isEmpty()) {
            return held;
        }
        return held.containsAll(requested) ? EnumSet.copyOf(requested) : Set.of();
    }

    public Set<Scope> scopeSet() {
        return Scope.parseAll(scopes);
    }

    private static byte[] checked(byte[] hash) {
        if (hash == null || hash.length != 32) {
            throw new IllegalArgumentException("secret hash must be SHA-256");
        }
        return hash.clone();
    }

    public UUID id() { return id; }
    public UUID tenantId() { return tenantId; }
    public String name() { return name; }
    public String clientId() { return clientId; }
    public Instant createdAt() { return createdAt; }
    public Instant disabledAt() { return disabledAt; }
    public Instant secretRotatedAt() { return secretRotatedAt; }
    public boolean enabled() { return disabledAt == null; }
}
