package io.novix.core.audit.boundary;

import io.novix.core.audit.control.AuditWriter;
import io.novix.core.audit.entity.AdminChange;
import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.keys.boundary.DataKeys;
import io.novix.core.keys.entity.Sealed;
import io.novix.core.tenant.entity.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;

/** What other features call to record what happened. */
@ApplicationScoped
public class AuditTrail {

    @Inject
    AuditWriter writer;

    @Inject
    DataKeys dataKeys;

    /**
     * Completes when the entry is durably committed (shared with other entries in one commit).
     * Continuations never run on the single writer thread.
     */
    public CompletionStage<Void> record(AuditEntry entry) {
        return writer.append(sealed(entry));
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
