package io.novix.core.inference.boundary;

import static io.novix.hf.JsonBytes.JSON;
import io.novix.core.audit.boundary.AuditTrail;
import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.inference.control.Gate;
import io.novix.core.inference.control.Settlement;
import io.novix.core.identity.entity.Denial;
import io.novix.core.routing.entity.Task;
import io.novix.core.kernel.Reply;
import io.novix.core.routing.boundary.ModelEndpoints;
import io.novix.core.routing.entity.ModelEndpoint;
import io.novix.core.identity.entity.Authentication;
import io.novix.core.identity.entity.Caller;
import io.novix.core.identity.entity.Scope;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /v1/models}: the models a caller may use, in OpenAI's list format — every model with
 * an enabled endpoint for a task the caller's token has a scope for, that its tenant's policy allows
 * (allowed models) and can place (an endpoint its residency, dedicated endpoints and providers admit).
 */
@OneInstance
public class ModelCatalog {

    static final String ACTION = "inference.models";
    private static final Set<Scope> INFERENCE = EnumSet.of(Scope.INFERENCE_CHAT, Scope.INFERENCE_EMBEDDINGS,
            Scope.INFERENCE_IMAGES, Scope.INFERENCE_AUDIO);

    @Inject
    Gate gate;

    @Inject
    ModelEndpoints endpoints;

    @Inject
    AuditTrail audit;

    @Inject
    io.novix.core.inference.control.PolicyAdmission policy;

    @Inject
    io.novix.core.routing.boundary.Router router;

    public CompletionStage<Reply> list(String authorization, String requestId) {
        long started = System.nanoTime();
        Instant at = Instant.now();
        Authentication auth = gate.identify(authorization);
        if (auth.granted() && INFERENCE.stream().noneMatch(auth.caller().get()::may)) {
            auth = Authentication.insufficientScope(auth.caller().get());
        }
        if (!auth.granted()) {
            Denial denial = Denial.of(auth);
            AuditEntry entry = AuditEntry.denied(at, requestId, auth.tenantHint(), auth.principalHint(), ACTION,
                    "/v1/models", denial.status(), auth.auditCode(), latency(started));
            return Settlement.afterAudit(audit.record(entry), Reply.refused(denial, requestId), requestId);
        }
        Caller caller = auth.caller().get();
        var effective = caller.tenant() == null ? null : policy.policyOf(caller);
        var placement = effective == null ? io.novix.core.routing.entity.Placement.anywhere()
                : io.novix.core.inference.control.PolicyAdmission.placement(caller, effective);
        Map<String, ModelEndpoint> models = new LinkedHashMap<>();
        for (ModelEndpoint e : endpoints.all()) {
            if (e.enabled() && !models.containsKey(e.modelId()) && Task.named(e.task()).map(t -> caller.may(t.scope())).orElse(false)
                    && (effective == null || effective.allowsModel(e.modelId()))
                    && !placement.order(router.routes(e.modelId())).isEmpty()) {
                models.put(e.modelId(), e);
            }
        }
        JsonArrayBuilder data = JSON.createArrayBuilder();
        models.values().forEach(e -> data.add(JSON.createObjectBuilder().add("id", e.modelId()).add("object", "model")
                .add("created", e.createdAt().getEpochSecond())
                .add("owned_by", e.modelId().contains("/") ? e.modelId().substring(0, e.modelId().indexOf('/')) : "huggingface")
                .add("task", e.task())));
        Reply reply = Reply.ok(JSON.createObjectBuilder().add("object", "list").add("data", data).build().toString()
                .getBytes(StandardCharsets.UTF_8));
        AuditEntry entry = AuditEntry.request(at, requestId, caller.tenant(), caller.principal(), ACTION, "/v1/models",
                200, null, latency(started), caller.tokenId());
        return Settlement.afterAudit(audit.record(entry), reply, requestId);
    }

    private static int latency(long startedNanos) {
        return (int) ((System.nanoTime() - startedNanos) / 1_000_000);
    }
}
