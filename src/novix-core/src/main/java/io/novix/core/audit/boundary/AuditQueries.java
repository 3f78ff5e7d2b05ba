package io.novix.core.audit.boundary;

import io.novix.core.audit.entity.AuditRecord;
import io.novix.core.tenant.boundary.Tenants;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Read access to one tenant's audit trail and metered usage (auditors also have SQL; see docs/audit.md). */
@Stateless
public class AuditQueries {

    public record UsageTotals(UUID tenantId, Instant since, long calls, long tokensIn, long tokensOut) {
    }

    @PersistenceContext(unitName = "novix")
    EntityManager em;

    @Inject
    Tenants tenants;

    public List<AuditRecord> recent(UUID tenantId, int limit) {
        tenants.find(tenantId);
        return em.createNamedQuery(AuditRecord.OF_TENANT, AuditRecord.class).setParameter("tenant", tenantId)
                .setMaxResults(Math.max(1, Math.min(limit, 1000))).getResultList();
    }

    public UsageTotals usage(UUID tenantId, Instant since) {
        tenants.find(tenantId);
        Object[] row = em.createNamedQuery(AuditRecord.USAGE, Object[].class).setParameter("tenant", tenantId)
                .setParameter("since", since).getSingleResult();
        return new UsageTotals(tenantId, since, ((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue());
    }
}
