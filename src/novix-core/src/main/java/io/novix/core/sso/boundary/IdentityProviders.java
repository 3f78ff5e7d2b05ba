package io.novix.core.sso.boundary;

import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.NotFound;
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
import java.util.logging.Level;
import java.util.logging.Logger;

/** Registers a tenant's SAML IdP and configures the tenant's service provider from it. */
@Stateless
public class IdentityProviders {

    private static final Logger LOG = Logger.getLogger(IdentityProviders.class.getName());

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
            throw new NotFound(ErrorCode.SSO_NOT_CONFIGURED, "this tenant has not registered an IdP");
        }
        return new Registered(idp, files.describe(tenant.slug(), idp));
    }

    /**
     * Every instance writes every tenant's SP from the database (at start, then periodically). One
     * tenant's bad row never stops the others: it is refused, its files are taken out of Liberty,
     * and the sync goes on. Returns the number of tenants whose SP is in force.
     */
    public int materialiseAll() {
        List<TenantIdp> all = em.createNamedQuery(TenantIdp.ALL, TenantIdp.class).getResultList();
        int applied = 0;
        for (TenantIdp idp : all) {
            String slug = em.find(Tenant.class, idp.tenantId()).slug();
            try {
                files.write(slug, idp);
                applied++;
            } catch (IllegalArgumentException e) {
                if (files.refuse(slug, idp)) { // the message names the field and its grammar, never the value
                    LOG.log(Level.WARNING, "tenant {0}: the stored SAML configuration is refused and not applied: {1}",
                            new Object[]{idp.tenantId(), e.getMessage()});
                }
            } catch (java.io.UncheckedIOException e) {
                LOG.log(Level.WARNING, "tenant {0}: the SAML configuration could not be written; retrying at the next sync",
                        idp.tenantId());
            }
        }
        files.syncDone();
        return applied;
    }
}
