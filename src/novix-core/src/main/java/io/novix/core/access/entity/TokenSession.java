package io.novix.core.access.entity;

import io.novix.core.identity.entity.SessionKeys;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

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
@NamedQuery(name = TokenSession.BY_SECRET, query = "SELECT s FROM TokenSession s WHERE s.keys.secretHash = :hash")
public class TokenSession {

    public static final String BY_SECRET = "TokenSession.bySecret";

    @Id
    private UUID id;
    @jakarta.persistence.Embedded
    private SessionKeys keys;
    /** Null for the platform administrator's bootstrap token, which has no prefix. */
    @Column(name = "token_prefix", length = 64, updatable = false)
    private String tokenPrefix;
    @Column(name = "token_hash", nullable = false, updatable = false)
    private byte[] tokenHash;
    @Column(name = "tenant_id", updatable = false)
    private UUID tenantId;
    @Column(nullable = false, length = 200, updatable = false)
    private String subject;

    protected TokenSession() {
    }

    public TokenSession(String tokenPrefix, byte[] tokenHash, UUID tenantId, String subject, byte[] secretHash,
                        byte[] csrfHash, Instant now, Instant expiresAt) {
        this.keys = new SessionKeys(secretHash, csrfHash, now, expiresAt);
        this.id = UUID.randomUUID();
        this.tokenPrefix = tokenPrefix;
        this.tokenHash = tokenHash.clone();
        this.tenantId = tenantId;
        this.subject = subject;
    }

    /** Its secret's and CSRF token's hashes and its lifetime: live, CSRF check, sign-out. */
    public SessionKeys keys() {
        return keys;
    }

    public boolean platformAdmin() {
        return tokenPrefix == null;
    }

    public UUID id() { return id; }
    public String tokenPrefix() { return tokenPrefix; }
    public byte[] tokenHash() { return tokenHash.clone(); }
    public UUID tenantId() { return tenantId; }
    public String subject() { return subject; }
    public Instant expiresAt() { return keys.expiresAt(); }
}
