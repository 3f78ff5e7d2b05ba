package io.novix.core.audit.boundary;

import io.novix.core.tenant.boundary.Tenants;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Inference usage from the audit trail, for one tenant or the whole platform, grouped by day (UTC),
 * model, token, service account, user or tenant: requests, served calls, tokens in and out, cost.
 * The trail is the single source: what is billed is what auditors can recount with SQL.
 */
@Stateless
public class UsageReports {

    /** How usage may be grouped; each maps to a fixed SQL expression (never caller text). */
    public enum GroupBy {
        NONE("''", null), DAY("to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')", null), MODEL("COALESCE(target, '')", null),
        TOKEN("principal", "token:%"), SERVICE_ACCOUNT("principal", "sa:%"), USER("principal", "user:%"),
        TENANT("COALESCE(CAST(tenant_id AS text), '')", null);

        private final String expression;
        private final String principalLike;

        GroupBy(String expression, String principalLike) {
            this.expression = expression;
            this.principalLike = principalLike;
        }

        /** {@code day}, {@code model}, {@code token}, {@code service-account}, {@code user}, {@code tenant}. */
        public static Optional<GroupBy> named(String name) {
            for (GroupBy g : values()) {
                if (g.wireName().equals(name)) {
                    return Optional.of(g);
                }
            }
            return Optional.empty();
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public record Line(String key, long requests, long served, long tokensIn, long tokensOut, BigDecimal costUsd) {
    }

    /** {@code serviceLevel}: the tenant's 30-day availability against its tier's SLA (none platform-wide). */
    public record Report(UUID tenantId, Instant since, Instant until, String groupBy, String model, Line totals,
                         List<Line> groups, io.novix.core.audit.entity.ServiceLevel serviceLevel) {
    }

    private static final int MAX_GROUPS = 1000;

    @PersistenceContext(unitName = "novix")
    EntityManager em;

    @Inject
    Tenants tenants;

    @Inject
    ServiceLevels serviceLevels;

    /** {@code tenant} null: the whole platform (the platform administrator's view). */
    public Report usage(UUID tenant, Instant since, Instant until, GroupBy groupBy, String model) {
        if (tenant != null) {
            tenants.find(tenant);
        }
        List<Line> groups = groupBy == GroupBy.NONE ? List.of() : lines(tenant, since, until, groupBy, model);
        Line totals = lines(tenant, since, until, GroupBy.NONE, model).stream().findFirst()
                .orElse(new Line("", 0, 0, 0, 0, BigDecimal.ZERO));
        return new Report(tenant, since, until, groupBy.wireName(), model, totals, groups,
                tenant == null ? null : serviceLevels.of(tenant, Instant.now()));
    }

    private List<Line> lines(UUID tenant, Instant since, Instant until, GroupBy groupBy, String model) {
        StringBuilder sql = new StringBuilder("SELECT ").append(groupBy.expression).append(" AS k, COUNT(*), "
                + "COUNT(*) FILTER (WHERE outcome = 'SUCCESS'), COALESCE(SUM(tokens_in), 0), COALESCE(SUM(tokens_out), 0), "
                + "COALESCE(SUM(cost_usd), 0) FROM audit_record WHERE action LIKE 'inference.%' AND action <> 'inference.models' "
                + "AND phase IS DISTINCT FROM 'ADMISSION' AND occurred_at >= :since AND occurred_at < :until");
        if (tenant != null) {
            sql.append(" AND tenant_id = :tenant");
        }
        if (groupBy.principalLike != null) {
            sql.append(" AND principal LIKE :principal");
        }
        if (model != null) {
            sql.append(" AND target = :model");
        }
        sql.append(" GROUP BY k ORDER BY k LIMIT ").append(MAX_GROUPS);
        Query q = em.createNativeQuery(sql.toString()).setParameter("since", since).setParameter("until", until);
        if (tenant != null) {
            q.setParameter("tenant", tenant);
        }
        if (groupBy.principalLike != null) {
            q.setParameter("principal", groupBy.principalLike);
        }
        if (model != null) {
            q.setParameter("model", model);
        }
        List<Line> lines = new ArrayList<>();
        for (Object o : q.getResultList()) {
            Object[] r = (Object[]) o;
            lines.add(new Line((String) r[0], n(r[1]), n(r[2]), n(r[3]), n(r[4]),
                    r[5] instanceof BigDecimal b ? b.stripTrailingZeros() : new BigDecimal(r[5].toString())));
        }
        return lines;
    }

    private static long n(Object v) {
        return ((Number) v).longValue();
    }
}
