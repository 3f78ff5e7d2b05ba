package io.novix.core.audit.boundary;

import io.novix.core.audit.entity.ServiceLevel;
import io.novix.core.tenant.boundary.Tenants;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Availability against the tier's SLA, per tenant over the last 30 UTC days (today included),
 * from daily roll-ups of the audit trail: each audit row is counted once, after it has settled.
 */
@Stateless
public class ServiceLevels {

    public static final int WINDOW_DAYS = 30;
    private static final long LOCK = 0x4e6f7669784c4cL; // one instance rolls up at a time

    @PersistenceContext(unitName = "novix")
    EntityManager em;

    @Inject
    Tenants tenants;

    /**
     * Rolls up the audit rows after the watermark up to the newest row that occurred before
     * {@code settledBefore} (rows commit within milliseconds of their end; a row still
     * uncommitted after that would be missed, so the margin is generous). How many rows.
     */
    public int rollUp(Instant settledBefore) {
        boolean mine = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(" + LOCK + ")").getSingleResult();
        if (!mine) {
            return 0;
        }
        long from = ((Number) em.createNativeQuery("SELECT last_audit_id FROM service_level_watermark WHERE id = 1 FOR UPDATE")
                .getSingleResult()).longValue();
        Object upTo = em.createNativeQuery("SELECT max(id) FROM audit_record WHERE id > :from AND occurred_at < :settled")
                .setParameter("from", from).setParameter("settled", Timestamp.from(settledBefore)).getSingleResult();
        if (upTo == null) {
            return 0;
        }
        long to = ((Number) upTo).longValue();
        int rows = em.createNativeQuery("INSERT INTO service_level_day (tenant_id, day, eligible, failed) "
                        + "SELECT tenant_id, d, COUNT(*) FILTER (WHERE eligible), COUNT(*) FILTER (WHERE eligible AND failed) FROM ("
                        + "SELECT tenant_id, CAST((occurred_at AT TIME ZONE 'UTC') AS date) AS d, "
                        + "NOT ((http_status BETWEEN 400 AND 499 AND COALESCE(error_code, '') <> 'upstream_rate_limited') "
                        + "OR COALESCE(stream_outcome, '') = 'client_disconnected') AS eligible, "
                        + "(http_status >= 500 OR outcome = 'OUTCOME_UNKNOWN' OR COALESCE(error_code, '') = 'upstream_rate_limited' "
                        + "OR COALESCE(stream_outcome, '') IN ('upstream_error', 'interrupted', 'upstream_timeout')) AS failed "
                        + "FROM audit_record WHERE id > :from AND id <= :to AND tenant_id IS NOT NULL "
                        + "AND action LIKE 'inference.%' AND action <> 'inference.models' AND phase IS DISTINCT FROM 'ADMISSION') x "
                        + "GROUP BY tenant_id, d "
                        + "ON CONFLICT (tenant_id, day) DO UPDATE SET eligible = service_level_day.eligible + EXCLUDED.eligible, "
                        + "failed = service_level_day.failed + EXCLUDED.failed")
                .setParameter("from", from).setParameter("to", to).executeUpdate();
        em.createNativeQuery("UPDATE service_level_watermark SET last_audit_id = :to WHERE id = 1").setParameter("to", to).executeUpdate();
        return rows;
    }

    /** One tenant's service level over the window ending today. */
    public ServiceLevel of(UUID tenant, Instant now) {
        var sla = tenants.find(tenant).tier().policy().slaPercent();
        Object[] sums = (Object[]) em.createNativeQuery("SELECT COALESCE(SUM(eligible), 0), COALESCE(SUM(failed), 0) "
                        + "FROM service_level_day WHERE tenant_id = :t AND day >= :from")
                .setParameter("t", tenant).setParameter("from", windowStart(now)).getSingleResult();
        return ServiceLevel.of(WINDOW_DAYS, sla, ((Number) sums[0]).longValue(), ((Number) sums[1]).longValue());
    }

    /** Every tenant with answers in the window, with its service level (for the metrics). */
    public Map<UUID, ServiceLevel> all(Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT tenant_id, SUM(eligible), SUM(failed) FROM service_level_day "
                + "WHERE day >= :from GROUP BY tenant_id").setParameter("from", windowStart(now)).getResultList();
        Map<UUID, ServiceLevel> levels = new HashMap<>();
        for (Object[] r : rows) {
            UUID tenant = (UUID) r[0];
            levels.put(tenant, ServiceLevel.of(WINDOW_DAYS, tenants.find(tenant).tier().policy().slaPercent(),
                    ((Number) r[1]).longValue(), ((Number) r[2]).longValue()));
        }
        return levels;
    }

    private static LocalDate windowStart(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(WINDOW_DAYS - 1);
    }
}
