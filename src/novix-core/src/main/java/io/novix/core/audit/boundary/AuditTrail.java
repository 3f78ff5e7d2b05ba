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
}
