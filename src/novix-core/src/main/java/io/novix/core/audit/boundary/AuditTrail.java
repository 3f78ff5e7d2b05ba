package io.novix.core.audit.boundary;

import io.novix.core.audit.control.AuditWriter;
import io.novix.core.audit.entity.AuditEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.CompletionStage;

/** What other features call to record what happened. */
@ApplicationScoped
public class AuditTrail {

    @Inject
    AuditWriter writer;

    /**
     * Completes when the entry is durably committed (shared with other entries in one commit).
     * Continuations never run on the single writer thread.
     */
    public CompletionStage<Void> record(AuditEntry entry) {
        return writer.append(entry);
    }

    /**
     * Records and waits for the commit, for synchronous boundaries (admin, OAuth, sign-in): the
     * answer must not leave before its row exists. Throws {@link AuditUnavailable} when it cannot.
     */
    public void recordNow(AuditEntry entry) {
        try {
            writer.append(entry).toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.novix.core.audit.boundary.AuditUnavailable("interrupted while the audit row was committed", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new io.novix.core.audit.boundary.AuditUnavailable("the audit row could not be committed", e);
        }
    }
}
