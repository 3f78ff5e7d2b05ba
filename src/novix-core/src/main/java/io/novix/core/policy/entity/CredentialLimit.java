package io.novix.core.policy.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A tenant admin's lower limits for one credential (its principal, as audit rows name it). */
@Entity
@IdClass(CredentialLimit.Key.class)
@Table(name = "credential_limit")
public class CredentialLimit {

    /** The composite key (tenant, principal). */
    public static class Key implements Serializable {
        private UUID tenantId;
        private String principal;

        protected Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(tenantId, k.tenantId) && java.util.Objects.equals(principal, k.principal);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(tenantId, principal);
        }
    }

    @Id
    @Column(name = "tenant_id")
    private UUID tenantId;
    @Id
    @Column(length = 200)
    private String principal;
    @Column(name = "requests_per_minute")
    private Integer requestsPerMinute;
    @Column(name = "tokens_per_minute")
    private Long tokensPerMinute;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected CredentialLimit() {
    }

    public CredentialLimit(UUID tenantId, String principal) {
        this.tenantId = tenantId;
        this.principal = principal;
    }

    public void set(Integer requestsPerMinute, Long tokensPerMinute, Instant now) {
        this.requestsPerMinute = requestsPerMinute;
        this.tokensPerMinute = tokensPerMinute;
        this.updatedAt = now;
    }

    public String principal() { return principal; }

    public Key key() {
        Key k = new Key();
        k.tenantId = tenantId;
        k.principal = principal;
        return k;
    }
    public Integer requestsPerMinute() { return requestsPerMinute; }
    public Long tokensPerMinute() { return tokensPerMinute; }
    public Instant updatedAt() { return updatedAt; }
}
