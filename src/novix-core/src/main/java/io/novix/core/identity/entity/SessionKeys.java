package io.novix.core.identity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.security.MessageDigest;
import java.time.Instant;

/**
 * What every browser session holds about itself, SAML or token: the hashes of its secret (the
 * cookie) and of its CSRF token, never the values, and its lifetime. The columns are the same in
 * {@code user_session} and {@code token_session}.
 */
@Embeddable
public class SessionKeys {

    @Column(name = "secret_hash", nullable = false, updatable = false)
    private byte[] secretHash;
    @Column(name = "csrf_hash", nullable = false, updatable = false)
    private byte[] csrfHash;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;
    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected SessionKeys() {
    }

    public SessionKeys(byte[] secretHash, byte[] csrfHash, Instant now, Instant expiresAt) {
        if (!expiresAt.isAfter(now)) {
            throw new IllegalArgumentException("a session must end after it starts");
        }
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

    /** Sign-out: the first time counts. */
    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
