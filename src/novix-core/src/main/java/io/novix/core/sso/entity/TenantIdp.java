package io.novix.core.sso.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/**
 * A tenant's SAML identity provider: its metadata (the signing certificate in it is the only key
 * trusted for the tenant's assertions), the attribute that carries group names, and the
 * authentication-context class every sign-in must show (mandatory for Government tenants).
 */
@Entity
@Table(name = "tenant_idp")
@NamedQuery(name = TenantIdp.ALL, query = "SELECT i FROM TenantIdp i")
public class TenantIdp {

    public static final String ALL = "TenantIdp.all";

    @Id
    @Column(name = "tenant_id")
    private UUID tenantId;
    @Column(name = "idp_entity_id", nullable = false, length = 500)
    private String idpEntityId;
    @Column(name = "metadata_xml", nullable = false, columnDefinition = "text")
    private String metadataXml;
    @Column(name = "group_attribute", nullable = false, length = 200)
    private String groupAttribute;
    @Column(name = "required_authn_context", length = 300)
    private String requiredAuthnContext;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected TenantIdp() {
    }

    public TenantIdp(UUID tenantId, IdpMetadata metadata, String groupAttribute, String requiredAuthnContext, Instant now) {
        this.tenantId = tenantId;
        update(metadata, groupAttribute, requiredAuthnContext, now);
    }

    public final void update(IdpMetadata metadata, String groupAttribute, String requiredAuthnContext, Instant now) {
        LibertyValue.attributeName("groupAttribute", groupAttribute);
        if (requiredAuthnContext != null && requiredAuthnContext.length() > 300) {
            throw new IllegalArgumentException("requiredAuthnContext must be a SAML authentication context class URI of at most 300 characters");
        }
        if (requiredAuthnContext != null) {
            LibertyValue.absoluteUri("requiredAuthnContext", requiredAuthnContext);
        }
        this.idpEntityId = metadata.entityId();
        this.metadataXml = metadata.xml();
        this.groupAttribute = groupAttribute;
        this.requiredAuthnContext = requiredAuthnContext;
        this.updatedAt = now;
    }

    /** Whether a sign-in that showed {@code presented} satisfies this IdP's requirement. */
    public boolean acceptsAuthnContext(String presented) {
        return requiredAuthnContext == null || requiredAuthnContext.equals(presented);
    }

    public UUID tenantId() { return tenantId; }
    public String idpEntityId() { return idpEntityId; }
    public String metadataXml() { return metadataXml; }

    /** The stored values checked again as they leave the database: a row written before the grammar, or by hand, is refused here. */
    public IdpMetadata checkedMetadata() {
        IdpMetadata parsed = IdpMetadata.parse(metadataXml);
        LibertyValue.attributeName("groupAttribute", groupAttribute);
        if (requiredAuthnContext != null) {
            LibertyValue.absoluteUri("requiredAuthnContext", requiredAuthnContext);
        }
        if (!parsed.entityId().equals(idpEntityId)) {
            throw new IllegalArgumentException("the stored entity id differs from the stored metadata");
        }
        return parsed;
    }
    public String groupAttribute() { return groupAttribute; }
    public String requiredAuthnContext() { return requiredAuthnContext; }
    public Instant updatedAt() { return updatedAt; }
    public long version() { return version; }
}
