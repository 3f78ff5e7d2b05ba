package io.novix.core.inference.control;

import io.novix.core.access.boundary.RefusalThrottle;
import io.novix.core.identity.entity.Caller;
import io.novix.core.privacy.boundary.Redactions;
import io.novix.core.privacy.entity.Redactor;
import io.novix.core.identity.entity.Denial;
import io.novix.core.inference.entity.Call;
import io.novix.core.inference.entity.Inbound;
import io.novix.core.kernel.Refusal;
import io.novix.core.kernel.Reply;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The way every inference call takes, stage by stage:
 * <pre>
 * received → authenticated → authorised → steered → admitted → routed → answered | streaming → settled
 *            Gate            Gate         Steer      Classify,   Dispatch (Router, failover)    Settlement
 *                                                    Bulkheads,
 *                                                    PolicyAdmission
 * </pre>
 * After admission, personal data is removed from the request where the tenant's policy says so,
 * and the admission entry is written ahead ({@link WriteAhead}) while the call goes upstream — or is
 * answered from the response cache ({@link Caching}).
 * Any stage may refuse by throwing a {@link Refusal}; whatever happens, {@link Settlement} ends
 * the call. A new kind of check is a new stage in {@link #admit}, not a change to the others.
 */
@OneInstance
public class Pipeline {

    @Inject
    Gate gate;

    @Inject
    Bulkheads bulkheads;

    @Inject
    Dispatch dispatch;

    @Inject
    Settlement settlement;

    @Inject
    RefusalThrottle throttle;

    @Inject
    Redactions redactions;

    @Inject
    PolicyAdmission policy;

    @Inject
    WriteAhead writeAhead;

    @Inject
    Classify classify;

    @Inject
    Steer steer;

    @Inject
    Caching caching;

    @Inject
    Telemetry telemetry;

    public <R> CompletionStage<Reply> run(InferenceTask<R> task, Inbound in) {
        Call call = Call.received(task.action(), in.path(), in.requestId(), in.clientAddress());
        try {
            Caller caller = gate.authenticate(call, in.authorization());
            R request = null;
            Refusal invalid = null;
            try {
                request = task.parse(in);
            } catch (Refusal e) {
                invalid = e; // answered after authorisation: a caller without the scope learns nothing from the body
            }
            gate.authorise(call, caller, task.scope(request));
            call.about(request == null ? null : task.model(request), task.task(request));
            if (invalid != null) {
                throw invalid;
            }
            request = steer.route(call, caller, task, request);
            telemetry.begin(call);
            admit(call, caller, task.demand(request, in), in.dataClassification());
            request = redact(call, caller, task, request);
            writeAhead.admit(call, caller);
            R sent = request;
            Optional<java.util.concurrent.CompletableFuture<Reply>> cached = caching.serve(call, caller, task, sent, in.cacheControl());
            return cached.orElseGet(() -> dispatch.send(call, task.exchange(call, sent)).thenApply(reply -> caching.keep(call, reply)))
                    .exceptionallyCompose(bug -> settlement.failed(call, bug))
                    .thenApply(reply -> reply.withHeaders(call.rateHeaders()).withHeaders(call.routeHeaders()).withHeaders(call.cacheHeaders()));
        } catch (Denial denial) {
            boolean heard = throttle.refused(in.clientAddress(), denial.authentication().tenantHint());
            return heard ? settlement.refused(call, denial) : settlement.throttled(call);
        } catch (Refusal refusal) {
            return settlement.refused(call, refusal).thenApply(reply -> reply.withHeaders(call.rateHeaders()).withHeaders(call.routeHeaders()));
        } catch (RuntimeException bug) {
            return settlement.failed(call, bug);
        }
    }

    /** Personal data removed from what goes upstream, where the tenant's policy requires it; counts kept for the audit row. */
    private <R> R redact(Call call, Caller caller, InferenceTask<R> task, R request) {
        if (caller.tier() == null || caller.tenant() == null) {
            return request;
        }
        Optional<Redactor> redactor = redactions.policyFor(caller.tenant(), caller.tier()).redactor();
        if (redactor.isEmpty()) {
            return request;
        }
        R clean = task.redacted(request, redactor.get());
        call.redacted(redactor.get().summary());
        return clean;
    }

    /** Admitted: each admission stage in order; each holds what it takes on the call until it is settled. */
    private void admit(Call call, Caller caller, InferenceTask.Demand demand, String classification) {
        classify.label(call, caller, classification);
        bulkheads.admit(call, caller);
        policy.admit(call, caller, demand);
        classify.narrow(call, caller);
        call.admitted();
    }
}
