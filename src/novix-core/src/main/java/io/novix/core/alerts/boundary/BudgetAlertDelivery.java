package io.novix.core.alerts.boundary;

import io.novix.core.alerts.control.WebhookSender;
import io.novix.core.alerts.entity.AlertDue;
import io.novix.core.alerts.entity.Signature;
import io.novix.core.alerts.entity.TenantWebhook;
import io.novix.core.audit.boundary.AuditTrail;
import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.identity.entity.Principal;
import io.novix.core.keys.boundary.DataKeys;
import io.novix.core.keys.entity.Sealed;
import io.novix.core.tenant.entity.TenantId;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import io.novix.core.kernel.Periodic;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

import static io.novix.hf.JsonBytes.JSON;

/**
 * Every {@code NOVIX_BUDGET_ALERT_INTERVAL} (5 s), on every instance: raises the budget alerts
 * that are due, then delivers the ones it claims — signed (HMAC-SHA256, {@link Signature}),
 * identified ({@code Novix-Delivery}: receivers de-duplicate on it, a delivery may come twice after
 * a crash), each attempt audited — and retries what failed with exponential backoff
 * ({@code NOVIX_WEBHOOK_BACKOFF}, 5 s, doubling up to an hour) until it is delivered.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class BudgetAlertDelivery {

    private static final Logger LOG = Logger.getLogger(BudgetAlertDelivery.class.getName());
    static final String ACTION = "webhook.budget-alert";
    private static final Principal SYSTEM = new Principal("system:budget-alerts");

    @Inject
    Webhooks webhooks;

    @Inject
    WebhookSender sender;

    @Inject
    DataKeys dataKeys;

    @Inject
    AuditTrail audit;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "NOVIX_BUDGET_ALERT_INTERVAL", defaultValue = "PT5S")
    Duration interval;

    @Inject
    @ConfigProperty(name = "NOVIX_WEBHOOK_BACKOFF", defaultValue = "PT5S")
    Duration backoff;

    private Periodic ticking;

    @PostConstruct
    void start() {
        ticking = Periodic.every(scheduler, interval, this::tick, LOG, "budget alerts");
    }

    @PreDestroy
    void stop() {
        if (ticking != null) {
            ticking.close();
        }
    }

    /** One round: due alerts raised, claimed ones delivered; a failure is retried at the next round (nothing is lost). */
    void tick() {
        Instant now = Instant.now();
        webhooks.raise(now);
        for (AlertDue due : webhooks.claim(now, Duration.ofMinutes(2), 20)) {
            deliver(due);
        }
    }

    private void deliver(AlertDue due) {
        long started = System.nanoTime();
        Instant now = Instant.now();
        URI url = URI.create(due.url());
        int status;
        String error;
        String refusal = webhooks.refusal(url);
        if (refusal != null) {
            status = 0;
            error = "refused: " + refusal;
        } else {
            try {
                byte[] secret = dataKeys.open(TenantId.of(due.tenant()), new Sealed(due.keyVersion(), due.secretSealed()),
                        TenantWebhook.sealBinding(due.tenant()));
                byte[] body = body(due);
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Content-Type", "application/json");
                headers.put("User-Agent", "Novix-Webhooks/1");
                headers.put("Novix-Event", "budget.threshold");
                headers.put("Novix-Delivery", String.valueOf(due.id()));
                headers.put(Signature.HEADER, Signature.header(secret, now.getEpochSecond(), body));
                status = sender.post(url, body, headers);
                error = null;
            } catch (WebhookSender.Refused e) {
                status = e.status();
                error = e.getMessage();
            } catch (GeneralSecurityException e) {
                status = 0;
                error = "the webhook secret does not open: " + e.getMessage();
            } catch (RuntimeException e) { // a Fault Tolerance timeout, among others
                status = 0;
                error = e.getClass().getSimpleName();
            }
        }
        if (error == null) {
            webhooks.delivered(due.id(), Instant.now());
        } else {
            webhooks.failed(due.id(), Instant.now().plus(delay(due.attempt())), error);
        }
        int latency = (int) ((System.nanoTime() - started) / 1_000_000);
        audit.record(AuditEntry.request(now, "alert-" + due.id() + "-" + due.attempt(), TenantId.of(due.tenant()), SYSTEM,
                ACTION, "alert " + due.id() + " (" + due.threshold() + "% of " + due.period() + ") to " + url.getHost(),
                error == null ? status : (status == 0 ? 502 : status), error == null ? null : "webhook_failed", latency, null));
    }

    /** Backoff after the n-th failed attempt: NOVIX_WEBHOOK_BACKOFF × 2^(n−1), at most an hour. */
    private Duration delay(int attempt) {
        long ms = backoff.toMillis() << Math.min(20, Math.max(0, attempt - 1));
        return Duration.ofMillis(Math.min(ms, Duration.ofHours(1).toMillis()));
    }

    private static byte[] body(AlertDue due) {
        return JSON.createObjectBuilder().add("type", "budget.threshold").add("id", String.valueOf(due.id()))
                .add("tenantId", due.tenant().toString()).add("period", due.period()).add("thresholdPercent", due.threshold())
                .add("spentUsd", due.spentUsd().stripTrailingZeros()).add("budgetUsd", due.budgetUsd().stripTrailingZeros())
                .add("raisedAt", due.raisedAt().toString()).build().toString().getBytes(StandardCharsets.UTF_8);
    }
}
