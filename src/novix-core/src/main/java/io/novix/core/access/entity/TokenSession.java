package io.novix.core.access.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.UUID;

/**
 * A browser session opened with a Novix token at the console's sign-in form. It keeps no copy of
 * the token: the token's prefix and hash, against which the live token is checked on every request
 * (so the session can never outlive or outrank its token). Only hashes of the session secret and its
 * CSRF token are stored.
 */
@Entity
@Table(name = "token_session")
@NamedQuery(name = TokenSession.BY_SECRET, query = "SELECT s FROM TokenSession s WHERE s.secretHash = :hash")
public class TokenSession {

    public static final String BY_SECRET = "TokenSession.bySecret";

    @Id
    private UUID id;
    @Column(name = "secret_hash", nullable = false, updatable = false)
    private byte[] secretHash;
    @Column(name = "csrf_hash", nullable = false, updatable = false)
    private byte[] csrfHash;
    /** Null for the platform administrator's bootstrap token, which has no prefix. */
    @Column(name = "token_prefix", length = 64, updatable = false)
    private String tokenPrefix;
    @Column(name = "token_hash", nullable = false, updatable = false)
    private byte[] tokenHash;
    @Column(name = "tenant_id", updatable = false)
    private UUID tenantId;
    @Column(nullable = false, length = 200, updatable = false)
    private String subject;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;
    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected TokenSession() {
    }

    public TokenSession(String tokenPrefix, byte[] tokenHash, UUID tenantId, String subject, byte[] secretHash,
                        byte[] csrfHash, Instant now, Instant expiresAt) {
        if (!expiresAt.isAfter(now)) {
            throw new IllegalArgumentException("a session must end after it starts");
        }
        this.id = UUID.randomUUID();
        this.tokenPrefix = tokenPrefix;
        this.tokenHash = tokenHash.clone();
        this.tenantId = tenantId;
        this.subject = subject;
        this.secretHash = secretHash.clone();
        this.csrfHash = csrfHash.clone();
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    public boolean live(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    /** Constant-time check of the CSRF token a state-changing request must carry. */
    public boolean csrfMatches(byte[] presentedHash) {
        return presentedHash != null && MessageDigest.isEqual(csrfHash, presentedHash);
    }

    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    public boolean platformAdmin() {
        return tokenPrefix == null;
    }

    public UUID id() { return id; }
    public String tokenPrefix() { return tokenPrefix; }
    public byte[] tokenHash() { return tokenHash.clone(); }
    public UUID tenantId() { return tenantId; }
    public String subject() { return subject; }
    public Instant expiresAt() { return expiresAt; }
}
