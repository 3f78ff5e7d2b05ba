package io.novix.core.audit.boundary;

import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.audit.entity.AuditRecord;
import io.novix.core.keys.boundary.DataKeys;
import io.novix.core.tenant.entity.TenantId;
import io.novix.core.tenant.boundary.Tenants;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Optional;
import java.util.List;
import java.util.UUID;

/** Read access to one tenant's audit trail (auditors also have SQL; see docs/audit.md); usage is UsageReports'. */
@Stateless
public class AuditQueries {

    @PersistenceContext(unitName = "novix")
    EntityManager em;

    @Inject
    Tenants tenants;

    @Inject
    DataKeys dataKeys;

    public List<AuditRecord> recent(UUID tenantId, int limit) {
        tenants.find(tenantId);
        return em.createNamedQuery(AuditRecord.OF_TENANT, AuditRecord.class).setParameter("tenant", tenantId)
                .setMaxResults(Math.max(1, Math.min(limit, 1000))).getResultList();
    }

    /** One row of the tenant's trail, with its admin change opened (the states as JSON), if it has one. */
    public Optional<Detail> detail(UUID tenantId, long id) {
        tenants.find(tenantId);
        AuditRecord a = em.find(AuditRecord.class, id);
        if (a == null || !tenantId.equals(a.tenantId())) {
            return Optional.empty();
        }
        String states = null;
        if (a.changeSealed().isPresent()) {
            try {
                states = new String(dataKeys.open(TenantId.of(tenantId), a.changeSealed().get(),
                        AuditEntry.sealBinding(a.requestId(), a.action())), StandardCharsets.UTF_8);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("audit row " + id + ": the sealed change does not open (" + e.getMessage() + ")");
            }
        }
        return Optional.of(new Detail(a, states));
    }

    /** A row and its opened change states ({"before":…,"after":…}), or null. */
    public record Detail(AuditRecord record, String states) {
    }
}
