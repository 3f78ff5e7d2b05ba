package io.novix.core.audit.boundary;

import io.novix.core.audit.control.AuditWriter;
import io.novix.core.audit.entity.AdminChange;
import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.keys.boundary.DataKeys;
import io.novix.core.keys.entity.Sealed;
import io.novix.core.tenant.entity.TenantId;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** What other features call to record what happened. */
@OneInstance
public class AuditTrail {

    @Inject
    AuditWriter writer;

    @Inject
    DataKeys dataKeys;

    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "NOVIX_AUDIT_OUTCOME_RETRY", defaultValue = "PT1H")
    java.time.Duration outcomeRetry;

    /**
     * Completes when the entry is durably committed (shared with other entries in one commit).
     * Continuations never run on the single writer thread.
     */
    public CompletionStage<Void> record(AuditEntry entry) {
        return writer.append(sealed(entry));
    }

    /**
     * As {@link #record}, for an entry no answer waits for (a write-ahead outcome): when the audit
     * trail cannot take it, it is offered again with backoff (1 s doubling to 1 min) for up to
     * {@code NOVIX_AUDIT_OUTCOME_RETRY} (1 h); the future completes when it is committed or given up.
     * Calls refused meanwhile (no admission commits) add no new outcomes, so the backlog is bounded by
     * the calls in flight when the trail went away. An outcome given up is reported, and its admission
     * entry stays open (view audit_open_admissions) until reconciliation closes it as OUTCOME_UNKNOWN.
     */
    public CompletionStage<Void> recordEventually(AuditEntry entry) {
        AuditEntry sealed = sealed(entry);
        CompletableFuture<Void> done = new CompletableFuture<>();
        attempt(sealed, done, 1_000, System.nanoTime() + outcomeRetry.toNanos());
        return done;
    }

    private void attempt(AuditEntry entry, CompletableFuture<Void> done, long delayMs, long deadline) {
        writer.appendLater(entry).whenComplete((ok, error) -> {
            if (error == null) {
                done.complete(null);
            } else if (System.nanoTime() + delayMs * 1_000_000 > deadline) {
                done.completeExceptionally(error);
            } else {
                CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS)
                        .execute(() -> attempt(entry, done, Math.min(delayMs * 2, 60_000), deadline));
            }
        });
    }

    /**
     * An admin change's before/after states are sensitive (hardening class 10): they are stored
     * sealed under the tenant's data key, never in the clear. Sealing is in memory (the key is
     * cached); a tenant's first key is created once.
     */
    private AuditEntry sealed(AuditEntry entry) {
        AdminChange change = entry.change();
        if (change == null || !change.hasState()) {
            return entry;
        }
        Sealed states = dataKeys.seal(TenantId.of(entry.tenantId()), change.statesJson().getBytes(StandardCharsets.UTF_8),
                entry.sealBinding());
        return entry.withChange(change.sealedAs(states));
    }

    /**
     * Records and waits for the commit, for synchronous boundaries (admin, OAuth, sign-in): the
     * answer must not leave before its row exists. Throws {@link AuditUnavailable} when it cannot.
     */
    public void recordNow(AuditEntry entry) {
        try {
            writer.append(sealed(entry)).toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.novix.core.audit.boundary.AuditUnavailable("interrupted while the audit row was committed", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new io.novix.core.audit.boundary.AuditUnavailable("the audit row could not be committed", e);
        }
    }
}
