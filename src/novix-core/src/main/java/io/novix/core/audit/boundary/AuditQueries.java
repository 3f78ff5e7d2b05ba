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

    /**
     * What an auditor looks for: a period, and optionally one principal, action (a trailing
     * {@code *} for a prefix, e.g. {@code admin.*}), outcome, model or error code; {@code before}
     * continues a listing after its last row (keyset: stable while new rows arrive).
     */
    public record Filter(Instant from, Instant to, String principal, String action, String outcome, String model, String errorCode,
                         Long before, String classification) {
        public Filter(Instant from, Instant to, String principal, String action, String outcome, String model, String errorCode,
                      Long before) {
            this(from, to, principal, action, outcome, model, errorCode, before, null);
        }
    }

    /** The tenant's rows matching {@code filter}, newest first (admission entries only when {@code outcome} is ADMITTED). */
    public List<AuditRecord> search(UUID tenantId, Filter f, int limit) {
        tenants.find(tenantId);
        StringBuilder jpql = new StringBuilder("SELECT a FROM AuditRecord a WHERE a.tenantId = :tenant");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        params.put("tenant", tenantId);
        clause(jpql, params, f.from(), "a.occurredAt >= :from", "from");
        clause(jpql, params, f.to(), "a.occurredAt < :to", "to");
        clause(jpql, params, f.principal(), "a.principal = :principal", "principal");
        if (f.action() != null && f.action().endsWith("*")) {
            clause(jpql, params, f.action().substring(0, f.action().length() - 1).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%", "a.action LIKE :action ESCAPE '\\'", "action");
        } else {
            clause(jpql, params, f.action(), "a.action = :action", "action");
        }
        clause(jpql, params, f.outcome() == null ? null : io.novix.core.audit.entity.Outcome.valueOf(f.outcome()), "a.outcome = :outcome",
                "outcome");
        clause(jpql, params, f.model(), "a.target = :model", "model");
        clause(jpql, params, f.errorCode(), "a.errorCode = :code", "code");
        clause(jpql, params, f.before(), "a.id < :before", "before");
        clause(jpql, params, f.classification(), "a.dataClassification = :classification", "classification");
        if (!"ADMITTED".equals(f.outcome())) { // a call written ahead is listed once, by its outcome; admissions on request
            jpql.append(" AND (a.phase IS NULL OR a.phase <> 'ADMISSION')");
        }
        var q = em.createQuery(jpql.append(" ORDER BY a.id DESC").toString(), AuditRecord.class);
        params.forEach(q::setParameter);
        return q.setMaxResults(Math.max(1, Math.min(limit, 1000))).getResultList();
    }

    private static void clause(StringBuilder jpql, java.util.Map<String, Object> params, Object value, String condition, String name) {
        if (value != null) {
            jpql.append(" AND ").append(condition);
            params.put(name, value);
        }
    }

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
        return Optional.of(new Detail(a, states, chainPosition(id)));
    }

    /**
     * Where the row sits in its hash chain and the chain's last signed checkpoint: the row is covered by
     * a signature when the checkpoint's sequence has reached it (null position: not chained yet).
     */
    private ChainPosition chainPosition(long id) {
        List<?> rows = em.createNativeQuery("SELECT r.chain_id, r.chain_seq, c.chain_seq, c.signed_at, c.key_id FROM audit_record r "
                + "LEFT JOIN LATERAL (SELECT chain_seq, signed_at, key_id FROM audit_checkpoint k WHERE k.chain_id = r.chain_id "
                + "ORDER BY k.id DESC LIMIT 1) c ON true WHERE r.id = ?1").setParameter(1, id).getResultList();
        if (rows.isEmpty() || ((Object[]) rows.get(0))[0] == null) {
            return null;
        }
        Object[] r = (Object[]) rows.get(0);
        long seq = ((Number) r[1]).longValue();
        Long checkpointSeq = r[2] == null ? null : ((Number) r[2]).longValue();
        return new ChainPosition(r[0].toString(), seq, checkpointSeq, r[3] == null ? null : instant(r[3]),
                (String) r[4], checkpointSeq != null && checkpointSeq >= seq);
    }

    private static java.time.Instant instant(Object v) {
        return v instanceof java.sql.Timestamp t ? t.toInstant() : v instanceof java.time.OffsetDateTime o ? o.toInstant()
                : (java.time.Instant) v;
    }

    /** A row's place in its chain and the chain's last checkpoint. */
    public record ChainPosition(String chainId, long chainSeq, Long lastCheckpointSeq, java.time.Instant lastCheckpointAt,
                                String lastCheckpointKey, boolean coveredByCheckpoint) {
    }

    /** A row, its opened change states ({"before":…,"after":…}) or null, and its chain position (null: not chained yet). */
    public record Detail(AuditRecord record, String states, ChainPosition chain) {
    }
}
