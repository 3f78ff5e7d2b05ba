package io.novix.core.alerts.boundary;

import io.novix.core.alerts.entity.AlertDue;
import io.novix.core.alerts.entity.TenantWebhook;
import io.novix.core.alerts.entity.Thresholds;
import io.novix.core.alerts.entity.WebhookTarget;
import io.novix.core.keys.boundary.DataKeys;
import io.novix.core.keys.entity.Sealed;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.NotFound;
import io.novix.core.policy.boundary.Policies;
import io.novix.core.quota.boundary.Quotas;
import io.novix.core.tenant.boundary.Tenants;
import io.novix.core.tenant.entity.TenantId;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A tenant's budget-alert webhook, and the alerts themselves: raised when the month's committed
 * spend crosses a threshold of the budget (once per tenant, month and threshold, whatever the
 * number of instances), claimed for delivery under a lease, kept until delivered.
 */
@Stateless
public class Webhooks {

    /** The webhook as shown; {@code secret} only in the answer that created or rotated it. */
    public record View(String url, List<Integer> thresholds, Instant updatedAt, String secret) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "novix")
    EntityManager em;

    @Inject
    DataKeys dataKeys;

    @Inject
    Tenants tenants;

    @Inject
    Policies policies;

    @Inject
    Quotas quotas;

    @Inject
    @ConfigProperty(name = "NOVIX_WEBHOOK_ALLOW_PRIVATE", defaultValue = "false")
    boolean allowPrivate;

    public View set(TenantId tenant, String url, Thresholds thresholds, boolean rotateSecret, Instant now) {
        tenants.find(tenant.value());
        TenantWebhook hook;
        try {
            hook = Optional.ofNullable(em.find(TenantWebhook.class, tenant.value())).orElseGet(() -> new TenantWebhook(tenant.value()));
            hook.point(WebhookTarget.check(url, allowPrivate), thresholds, now);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, e.getMessage(), "url");
        }
        String secret = null;
        if (!hook.hasSecret() || rotateSecret) {
            byte[] raw = new byte[32];
            RANDOM.nextBytes(raw);
            secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            Sealed sealed = dataKeys.seal(tenant, secret.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    TenantWebhook.sealBinding(tenant.value()));
            hook.secret(sealed.bytes(), sealed.keyVersion());
        }
        if (!em.contains(hook)) {
            em.persist(hook);
        }
        return new View(hook.url().toString(), hook.thresholds().percents(), hook.updatedAt(), secret);
    }

    public Optional<View> get(TenantId tenant) {
        tenants.find(tenant.value());
        return Optional.ofNullable(em.find(TenantWebhook.class, tenant.value()))
                .map(h -> new View(h.url().toString(), h.thresholds().percents(), h.updatedAt(), null));
    }

    public void remove(TenantId tenant) {
        TenantWebhook hook = em.find(TenantWebhook.class, tenant.value());
        if (hook == null) {
            throw new NotFound(ErrorCode.NOT_FOUND, "this tenant has no webhook");
        }
        em.remove(hook);
    }

    /**
     * Raises the alerts whose thresholds the month's committed spend has crossed (the ledger: spend
     * plus what instances hold leased, so an alert may come up to a lease block early, never late),
     * and every threshold once a call was refused for the budget; how many are new.
     */
    public int raise(Instant now) {
        String period = YearMonth.from(now.atZone(ZoneOffset.UTC)).toString();
        int raised = 0;
        for (TenantWebhook hook : em.createQuery("SELECT w FROM TenantWebhook w", TenantWebhook.class).getResultList()) {
            TenantId tenant = TenantId.of(hook.tenantId());
            BigDecimal budget = policies.of(tenant).budgetUsdPerMonth();
            if (budget == null || budget.signum() <= 0) {
                continue;
            }
            BigDecimal spent = quotas.committedSpendUsd(tenant, now);
            boolean refused = !em.createNativeQuery("SELECT 1 FROM audit_record WHERE tenant_id = :t AND occurred_at >= :from "
                            + "AND error_code = 'budget_exceeded' LIMIT 1").setParameter("t", hook.tenantId())
                    .setParameter("from", Timestamp.from(YearMonth.from(now.atZone(ZoneOffset.UTC)).atDay(1).atStartOfDay(ZoneOffset.UTC)
                            .toInstant())).getResultList().isEmpty();
            for (int percent : hook.thresholds().percents()) {
                if (refused || spent.multiply(BigDecimal.valueOf(100)).compareTo(budget.multiply(BigDecimal.valueOf(percent))) >= 0) {
                    raised += em.createNativeQuery("INSERT INTO budget_alert (tenant_id, period, threshold, spent_usd, budget_usd, "
                                    + "raised_at, next_attempt_at) VALUES (:t, :p, :h, :s, :b, :now, :now) "
                                    + "ON CONFLICT (tenant_id, period, threshold) DO NOTHING")
                            .setParameter("t", hook.tenantId()).setParameter("p", period).setParameter("h", percent)
                            .setParameter("s", spent).setParameter("b", budget).setParameter("now", Timestamp.from(now))
                            .executeUpdate();
                }
            }
        }
        return raised;
    }

    /** Up to {@code max} undelivered alerts that are due, each held for {@code lease} so no other instance sends it too. */
    public List<AlertDue> claim(Instant now, Duration lease, int max) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("UPDATE budget_alert a SET attempts = a.attempts + 1, next_attempt_at = :until "
                        + "FROM tenant_webhook w WHERE w.tenant_id = a.tenant_id AND a.id IN (SELECT id FROM budget_alert "
                        + "WHERE delivered_at IS NULL AND next_attempt_at <= :now ORDER BY id LIMIT :max FOR UPDATE SKIP LOCKED) "
                        + "RETURNING a.id, a.tenant_id, a.period, a.threshold, a.spent_usd, a.budget_usd, a.raised_at, a.attempts, "
                        + "w.url, w.secret_sealed, w.data_key_version")
                .setParameter("until", Timestamp.from(now.plus(lease))).setParameter("now", Timestamp.from(now))
                .setParameter("max", max).getResultList();
        List<AlertDue> due = new ArrayList<>();
        for (Object[] r : rows) {
            due.add(new AlertDue(((Number) r[0]).longValue(), (UUID) r[1], r[2].toString(), ((Number) r[3]).intValue(),
                    (BigDecimal) r[4], (BigDecimal) r[5], instant(r[6]), ((Number) r[7]).intValue(), (String) r[8],
                    (byte[]) r[9], ((Number) r[10]).intValue()));
        }
        return due;
    }

    public void delivered(long alert, Instant at) {
        em.createNativeQuery("UPDATE budget_alert SET delivered_at = :at, last_error = NULL WHERE id = :id")
                .setParameter("at", Timestamp.from(at)).setParameter("id", alert).executeUpdate();
    }

    public void failed(long alert, Instant retryAt, String error) {
        em.createNativeQuery("UPDATE budget_alert SET next_attempt_at = :next, last_error = :error WHERE id = :id")
                .setParameter("next", Timestamp.from(retryAt)).setParameter("error", error.length() > 300 ? error.substring(0, 300) : error)
                .setParameter("id", alert).executeUpdate();
    }

    /** Whether a delivery may go to {@code url} now (its address is checked again at every delivery). */
    public String refusal(java.net.URI url) {
        return WebhookTarget.refusal(url, allowPrivate);
    }

    private static Instant instant(Object v) {
        return v instanceof Timestamp t ? t.toInstant() : v instanceof java.time.OffsetDateTime o ? o.toInstant() : (Instant) v;
    }
}
