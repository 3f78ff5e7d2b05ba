package io.novix.core.inference.control;

import io.novix.core.identity.entity.Caller;
import io.novix.core.inference.entity.Call;
import io.novix.core.modelroute.boundary.ModelRoutes;
import io.novix.core.modelroute.entity.Complexity;
import io.novix.core.modelroute.entity.ModelRoute;
import io.novix.core.policy.boundary.Policies;
import io.novix.core.policy.entity.EffectivePolicy;
import io.novix.core.quota.boundary.Quotas;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The routing stage of adaptive model routing (docs/cost-levers.md#adaptive-model-routing): when the
 * request's {@code model} names a route ({@code auto} or one an administrator defined), the route
 * scores the prompt and picks the model, max_tokens (what the month's budget left buys) and,
 * where the caller set none, the temperature. Runs before admission, so the chosen model meets the
 * tenant's policy (allowed models, residency) and limits like any other.
 */
@OneInstance
public class Steer {

    @Inject
    ModelRoutes routes;

    @Inject
    Policies policies;

    @Inject
    Quotas quotas;

    public <R> R route(Call call, Caller caller, InferenceTask<R> task, R request) {
        if (request == null || caller.tenant() == null) {
            return request;
        }
        String prompt = task.routablePrompt(request);
        if (prompt == null) {
            return request;
        }
        Optional<ModelRoute> route = routes.resolve(caller.tenant(), task.model(request));
        ModelRoute.Decision decision = null;
        EffectivePolicy policy = null;
        if (route.isPresent()) {
            policy = policies.of(caller.tenant());
            decision = withinPolicy(route.get(), policy).decide(Complexity.of(prompt), budgetLeft(call, caller, policy),
                    model -> policies.priceOf(model).outputPer1k());
        }
        // the chosen (or named) model's quantized variant, where the tenant prefers it and its policy allows it
        String model = decision == null ? task.model(request) : decision.model();
        Optional<String> variant = routes.quantizedFor(caller.tenant(), model);
        if (variant.isPresent() && (policy == null ? policies.of(caller.tenant()) : policy).allowsModel(variant.get())) {
            decision = decision == null ? ModelRoute.Decision.variantOf(model, variant.get()) : decision.quantized(variant.get());
        }
        if (decision == null) {
            return request;
        }
        call.routedBy(decision);
        R routed = task.routed(request, decision);
        call.about(task.model(routed), task.task(routed));
        return routed;
    }

    /** A platform route naming a model the tenant may not use keeps to the one it may (the policy refuses if neither). */
    private static ModelRoute withinPolicy(ModelRoute r, EffectivePolicy policy) {
        boolean small = policy.allowsModel(r.smallModel());
        boolean large = policy.allowsModel(r.largeModel());
        if (small == large) {
            return r;
        }
        String only = small ? r.smallModel() : r.largeModel();
        return new ModelRoute(r.name(), only, only, r.threshold(), r.hotAbove(), r.hotTemperature(), r.temperature(), r.maxTokens());
    }

    private BigDecimal budgetLeft(Call call, Caller caller, EffectivePolicy policy) {
        if (policy.budgetUsdPerMonth() == null) {
            return null;
        }
        return policy.budgetUsdPerMonth().subtract(quotas.committedSpendUsd(caller.tenant(), call.at()));
    }
}
