package io.novix.core.sso.boundary;

import io.novix.core.platform.entity.NotFound;
import io.novix.core.sso.control.ServiceProviderConfig;
import io.novix.core.sso.control.ServiceProviderFiles;
import io.novix.core.sso.entity.IdpMetadata;
import io.novix.core.sso.entity.TenantIdp;
import io.novix.core.tenant.boundary.Tenants;
import io.novix.core.tenant.entity.Tenant;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Registers a tenant's SAML IdP and configures the tenant's service provider from it. */
@Stateless
public class IdentityProviders {

    public record Registered(TenantIdp idp, ServiceProviderConfig sp) {
    }

    @PersistenceContext(unitName = "novix")
    EntityManager em;

    @Inject
    Tenants tenants;

    @Inject
    ServiceProviderFiles files;

    public Registered register(UUID tenantId, String metadataXml, String groupAttribute, String requiredAuthnContext) {
        Tenant tenant = tenants.find(tenantId);
        if (tenant.tier().peopleOnlyThroughSso() && (requiredAuthnContext == null || requiredAuthnContext.isBlank())) {
            throw new IllegalArgumentException("a " + tenant.tier() + " tenant must require an authentication context "
                    + "class (requiredAuthnContext, e.g. a multi-factor class) for every sign-in");
        }
        IdpMetadata metadata = IdpMetadata.parse(metadataXml);
        String group = groupAttribute == null ? "groups" : groupAttribute;
        TenantIdp idp = em.find(TenantIdp.class, tenantId);
        Instant now = Instant.now();
        if (idp == null) {
            idp = new TenantIdp(tenantId, metadata, group, requiredAuthnContext, now);
            em.persist(idp);
        } else {
            idp.update(metadata, group, requiredAuthnContext, now);
        }
        em.flush();
        return new Registered(idp, files.write(tenant.slug(), idp));
    }

    public Registered find(UUID tenantId) {
        Tenant tenant = tenants.find(tenantId);
        TenantIdp idp = em.find(TenantIdp.class, tenantId);
        if (idp == null) {
            throw new NotFound("sso_not_configured", "this tenant has not registered an IdP");
        }
        return new Registered(idp, files.describe(tenant.slug(), idp));
    }

    /** Every instance writes every tenant's SP from the database (at start, then periodically). */
    public int materialiseAll() {
        List<TenantIdp> all = em.createNamedQuery(TenantIdp.ALL, TenantIdp.class).getResultList();
        for (TenantIdp idp : all) {
            files.write(em.find(Tenant.class, idp.tenantId()).slug(), idp);
        }
        files.syncDone();
        return all.size();
    }
}
