package io.novix.core.credentials.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * A credential Novix presents upstream, sealed under the KEK and bound to its scope: {@code platform}
 * (the Hugging Face key, replacing HF_API_KEY) or {@code url:<endpoint base URL>} (a dedicated
 * endpoint's or a self-hosted server's own). Only a fingerprint is ever shown.
 */
@Entity
@Table(name = "upstream_credential")
public class UpstreamCredential {

    @Id
    @Column(length = 340)
    private String scope;
    @Column(name = "kek_id", nullable = false, length = 32)
    private String kekId;
    @Column(nullable = false)
    private byte[] sealed;
    @Column(nullable = false, length = 16)
    private String fingerprint;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected UpstreamCredential() {
    }

    public UpstreamCredential(String scope) {
        this.scope = scope;
    }

    public void set(String kekId, byte[] sealed, String fingerprint, Instant now) {
        this.kekId = kekId;
        this.sealed = sealed.clone();
        this.fingerprint = fingerprint;
        this.updatedAt = now;
    }

    public String scope() { return scope; }
    public String kekId() { return kekId; }
    public byte[] sealed() { return sealed.clone(); }
    public String fingerprint() { return fingerprint; }
    public Instant updatedAt() { return updatedAt; }
}
