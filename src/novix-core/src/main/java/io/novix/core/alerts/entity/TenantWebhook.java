package io.novix.core.alerts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/** Where a tenant's budget alerts go, and the secret they are signed with (sealed under the tenant's data key). */
@Entity
@Table(name = "tenant_webhook")
public class TenantWebhook {

    @Id
    @Column(name = "tenant_id")
    private UUID tenantId;
    @Column(name = "url", nullable = false, length = 500)
    private String url;
    @Column(name = "secret_sealed", nullable = false)
    private byte[] secretSealed;
    @Column(name = "data_key_version", nullable = false)
    private int dataKeyVersion;
    @Column(name = "thresholds", nullable = false, length = 64)
    private String thresholds;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected TenantWebhook() {
    }

    public TenantWebhook(UUID tenantId) {
        this.tenantId = tenantId;
    }

    public void point(URI target, Thresholds at, Instant now) {
        this.url = target.toString();
        this.thresholds = at.stored();
        this.updatedAt = now;
    }

    public void secret(byte[] sealed, int keyVersion) {
        this.secretSealed = sealed.clone();
        this.dataKeyVersion = keyVersion;
    }

    public boolean hasSecret() {
        return secretSealed != null;
    }

    public UUID tenantId() {
        return tenantId;
    }

    public URI url() {
        return URI.create(url);
    }

    public byte[] secretSealed() {
        return secretSealed.clone();
    }

    public int dataKeyVersion() {
        return dataKeyVersion;
    }

    public Thresholds thresholds() {
        return Thresholds.parse(thresholds);
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** Where a sealed secret is bound to: its tenant's webhook, nowhere else. */
    public static String sealBinding(UUID tenant) {
        return "tenant_webhook.secret:" + tenant;
    }
}
