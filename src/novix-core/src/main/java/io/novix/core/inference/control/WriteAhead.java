package io.novix.core.inference.control;

import io.novix.core.audit.boundary.AuditTrail;
import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.audit.entity.InferenceDetail;
import io.novix.core.audit.entity.Outcome;
import io.novix.core.audit.entity.Phase;
import io.novix.core.identity.entity.Caller;
import io.novix.core.inference.entity.Call;
import io.novix.core.routing.entity.Placement;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;

/**
 * The write-ahead stage (docs/audit.md#write-ahead): once a call is admitted, its admission entry —
 * who, from where, which model and task, where it may go, its classification, the policy's verdict
 * and what it reserved — goes to the audit trail's group commit while the call goes upstream. The
 * answer waits for that commit ({@link Settlement}, {@link Dispatch}); the commit does not wait for
 * the upstream, so with a real upstream it costs the caller nothing.
 */
@OneInstance
public class WriteAhead {

    @Inject
    AuditTrail audit;

    /**
     * {@code profile} (default): the answer waits for the outcome entry only where the tenant's compliance
     * profile requires it (FedRAMP High); {@code always}: for every tenant — an operator may only be stricter.
     */
    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "NOVIX_AUDIT_AWAIT_OUTCOME", defaultValue = "profile")
    String awaitOutcome;

    private boolean always;

    @jakarta.annotation.PostConstruct
    void init() {
        String mode = awaitOutcome.strip().toLowerCase(java.util.Locale.ROOT);
        if (!mode.equals("profile") && !mode.equals("always")) {
            throw new IllegalStateException("NOVIX_AUDIT_AWAIT_OUTCOME must be profile or always");
        }
        always = mode.equals("always");
    }

    public void admit(Call call, Caller caller) {
        call.writtenAhead(audit.record(admission(call, caller)).toCompletableFuture(), always);
    }

    static AuditEntry admission(Call call, Caller caller) {
        InferenceDetail detail = new InferenceDetail(call.task() == null ? null : call.task().hubName(), null,
                regions(call.placement()), false, null, null, null, call.redactions(), null, call.policy(), Phase.ADMISSION,
                caller.tokenId(), call.classification(), call.reserved(), clientRequestId(call.requestId()));
        return AuditEntry.inference(call.at(), call.requestId(), caller.tenant(), caller.principal(), caller.tokenId(),
                call.action(), call.model(), Outcome.ADMITTED, 0, null, call.elapsedMs(), 0, 0, 0, detail)
                .from(call.clientAddress());
    }

    /** Where the policy lets the call go: its regions (the route's own region is in the outcome entry). */
    private static String regions(Placement placement) {
        return placement.regions().isEmpty() ? null : String.join(",", placement.regions());
    }

    /** The caller's own X-Request-Id, kept as the prefix of Novix's unique id ({@code <client id>~<12 hex>}). */
    static String clientRequestId(String requestId) {
        int tilde = requestId.lastIndexOf('~');
        return tilde > 0 ? requestId.substring(0, tilde) : null;
    }
}
