package io.novix.core.token.entity;

import io.novix.core.identity.entity.Principal;

import io.novix.core.identity.entity.Scope;
import io.novix.core.identity.entity.TokenVerdict;
import io.novix.core.identity.entity.Delegation;
import io.novix.core.identity.entity.Role;
import io.novix.core.tenant.entity.Tenant;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** A time-bound API token of a tenant. Holds the hash of the secret only. */
@Entity
@Table(name = "api_token")
@NamedQuery(name = ApiToken.BY_PREFIX, query = "SELECT t FROM ApiToken t JOIN FETCH t.tenant WHERE t.prefix = :prefix")
@NamedQuery(name = ApiToken.OF_TENANT, query = "SELECT t FROM ApiToken t WHERE t.tenantId = :tenant ORDER BY t.createdAt")
@NamedQuery(name = ApiToken.ISSUED_BY, query = "SELECT t FROM ApiToken t WHERE t.tenantId = :tenant AND t.issuedBy = :issuer "
        + "AND t.revokedAt IS NULL")
public class ApiToken {

    public static final String BY_PREFIX = "ApiToken.byPrefix";
    public static final String OF_TENANT = "ApiToken.ofTenant";
    public static final String ISSUED_BY = "ApiToken.issuedBy";
    /** Longest lifetime any tier may give a token. */
    public static final Duration MIN_LIFETIME = Duration.ofMinutes(1);

    @Id
    private UUID id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "tenant_id", nullable = false, updatable = false)
    private Tenant tenant;
    /** Read-only copy of the foreign key, usable on detached rows without touching the lazy tenant. */
    @Column(name = "tenant_id", insertable = false, updatable = false)
    private UUID tenantId;
    @Column(nullable = false, length = 100)
    private String name;
    @Column(nullable = false, length = 16, updatable = false)
    private String prefix;
    @Column(name = "secret_hash", nullable = false, updatable = false)
    private byte[] secretHash;
    @Column(nullable = false, length = 500)
    private String scopes;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32, updatable = false)
    private Role role;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;
    @Column(name = "revoked_at")
    private Instant revokedAt;
    @Column(name = "last_used_at")
    private Instant lastUsedAt;
    @Column(name = "rotated_at")
    private Instant rotatedAt;
    @Column(name = "replaced_by")
    private UUID replacedBy;
    /** The principal that issued (or rotated into) this token; null for tokens issued before it was kept. */
    @Column(name = "issued_by", length = 200, updatable = false)
    private String issuedBy;
    @Version
    private long version;

    protected ApiToken() {
    }

    /** A developer's token (inference). */
    public ApiToken(Tenant tenant, String name, String prefix, byte[] secretHash, Set<Scope> scopes,
                    Instant expiresAt, Instant now) {
        this(tenant, name, prefix, secretHash, Role.DEVELOPER, scopes, expiresAt, now);
    }

    /**
     * A token acting with {@code role}, narrowed to {@code scopes}; every scope must be of use to the
     * role (an auditor's token cannot carry inference scopes), and platform-admin is never a token role.
     */
    public ApiToken(Tenant tenant, String name, String prefix, byte[] secretHash, Role role, Set<Scope> scopes,
                    Instant expiresAt, Instant now) {
        if (role == null || !role.tenantAssignable()) {
            throw new IllegalArgumentException("role must be one of tenant-admin, developer, auditor, service");
        }
        if (scopes != null) {
            for (Scope s : scopes) {
                if (!Delegation.holdable(role).contains(s)) {
                    throw new IllegalArgumentException("scope " + s.value() + " is of no use to the role " + role.value());
                }
            }
        }
        if (tenant != null && tenant.tier().peopleOnlyThroughSso()
                && (role == Role.TENANT_ADMIN || role == Role.AUDITOR)) {
            throw new IllegalArgumentException("a " + tenant.tier() + " tenant admits people (" + role.value()
                    + ") only through SAML single sign-on, not with API tokens");
        }
        this.role = role;
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.tenantId = tenant.id();
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("name must be 1-100 characters");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException("a token needs at least one scope");
        }
        if (expiresAt == null) {
            throw new IllegalArgumentException("expiresAt is required: tokens are time-bound");
        }
        Duration lifetime = Duration.between(now, expiresAt);
        Duration cap = tenant.tier().maxTokenLifetime();
        if (lifetime.compareTo(MIN_LIFETIME) < 0 || lifetime.compareTo(cap) > 0) {
            throw new IllegalArgumentException("expiresAt must be between 1 minute and " + cap.toDays()
                    + " days from now (the cap of the " + tenant.tier() + " tier)");
        }
        if (secretHash == null || secretHash.length != 32) {
            throw new IllegalArgumentException("secret hash must be SHA-256");
        }
        this.id = UUID.randomUUID();
        this.name = name.strip();
        this.prefix = prefix;
        this.secretHash = secretHash.clone();
        this.scopes = Scope.joinAll(scopes);
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    /**
     * Judges a presented token's hash. The hash is compared in constant time; expiry and revocation
     * are only reported to someone who proved they hold the secret.
     */
    public TokenVerdict judge(byte[] presentedHash, Instant now) {
        return judge(secretHash, presentedHash, expiresAt, revokedAt, tenant.isActive(), now);
    }

    public static TokenVerdict judge(byte[] storedHash, byte[] presentedHash, Instant expiresAt,
                                     Instant revokedAt, boolean tenantActive, Instant now) {
        if (!MessageDigest.isEqual(storedHash, presentedHash)) {
            return TokenVerdict.UNKNOWN;
        }
        if (revokedAt != null && !now.isBefore(revokedAt)) {
            return TokenVerdict.REVOKED;
        }
        if (!now.isBefore(expiresAt)) {
            return TokenVerdict.EXPIRED;
        }
        return tenantActive ? TokenVerdict.VALID : TokenVerdict.TENANT_SUSPENDED;
    }

    /**
     * Rotation: this token stays valid for {@code grace} at most (never longer than it would have),
     * and names its successor. Only a live token can be rotated, and only once.
     */
    public void rotate(ApiToken successor, Duration grace, Instant now) {
        if (revokedAt != null || !now.isBefore(expiresAt) || replacedBy != null) {
            throw new IllegalStateException("only a live token that was not rotated before can be rotated");
        }
        Instant end = now.plus(grace);
        if (end.isBefore(expiresAt)) {
            expiresAt = end;
        }
        rotatedAt = now;
        replacedBy = successor.id();
    }

    /** How long this token was issued for: a successor gets the same, capped by the tier. */
    public Duration lifetime() {
        return Duration.between(createdAt, expiresAt);
    }

    /** Revoking twice keeps the first revocation time. */
    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    public Set<Scope> scopeSet() {
        return Scope.parseAll(scopes);
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    public UUID id() { return id; }
    public Tenant tenant() { return tenant; }
    public UUID tenantId() { return tenantId; }
    public Role role() { return role; }
    public String name() { return name; }
    public String prefix() { return prefix; }
    public byte[] secretHash() { return secretHash.clone(); }
    public Instant createdAt() { return createdAt; }
    public Instant expiresAt() { return expiresAt; }
    public Instant revokedAt() { return revokedAt; }
    public Instant lastUsedAt() { return lastUsedAt; }
    public Instant rotatedAt() { return rotatedAt; }
    public UUID replacedBy() { return replacedBy; }
    public String issuedBy() { return issuedBy; }

    /** Records who issued the token, once, as it is created. */
    public ApiToken issuedBy(Principal issuer) {
        if (issuedBy == null) {
            issuedBy = issuer.value();
        }
        return this;
    }
}
