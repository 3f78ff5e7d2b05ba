package io.novix.core.inference.control;

import io.novix.core.identity.entity.Caller;
import io.novix.core.inference.entity.Call;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.Forbidden;
import io.novix.core.policy.boundary.Policies;
import io.novix.core.policy.entity.EffectivePolicy;
import io.novix.core.policy.entity.ModelPrice;
import io.novix.core.quota.boundary.Quotas;
import io.novix.core.routing.entity.Placement;
import io.novix.core.routing.entity.Task;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;

import java.math.BigDecimal;

/**
 * The admission stage of the tenant's policy: the model must be one the policy allows, and the
 * call takes one request and the most it can use (tokens, and money at the price table's rates)
 * from the tenant's limits, or is refused. What it took is settled against what it used when the
 * call is settled (Settlement), and given back in full if it never reaches an upstream.
 */
@OneInstance
public class PolicyAdmission {

    @Inject
    Policies policies;

    @Inject
    Quotas quotas;

    /**
     * {@code NOVIX_POLICY_ENFORCEMENT=off} skips this stage entirely — no limits, budgets, allowed
     * models or residency — so the benchmark can measure what the stage costs (bench/policy.sh).
     * Never in production; the server warns at start when it is off.
     */
    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "NOVIX_POLICY_ENFORCEMENT", defaultValue = "on")
    String enforcement;

    private boolean off;

    @jakarta.annotation.PostConstruct
    void init() {
        off = "off".equalsIgnoreCase(enforcement.strip());
        if (off) {
            java.util.logging.Logger.getLogger(PolicyAdmission.class.getName()).warning("NOVIX_POLICY_ENFORCEMENT=off: tenants' "
                    + "limits, budgets, allowed models and residency are NOT enforced (benchmarking only)");
        } else if (!"on".equalsIgnoreCase(enforcement.strip())) {
            throw new IllegalStateException("NOVIX_POLICY_ENFORCEMENT must be on or off");
        }
    }

    public void admit(Call call, Caller caller, InferenceTask.Demand demand) {
        if (caller.tenant() == null || off) {
            return;
        }
        EffectivePolicy policy = policies.of(caller.tenant());
        call.policy(policy.summary());
        call.compliance(policy.complianceProfile());
        Placement placement = placement(caller, policy);
        call.placed(placement);
        if (call.model() != null && !policy.allowsModel(call.model())) {
            throw new Forbidden(ErrorCode.MODEL_NOT_ALLOWED, "the tenant's policy does not allow model '" + call.model() + "'");
        }
        if (call.model() != null && placement.routerModel(call.model()).isEmpty()) {
            throw new Forbidden(ErrorCode.PROVIDER_NOT_ALLOWED, "the tenant's policy does not allow inference provider '"
                    + call.model().substring(call.model().indexOf(':') + 1) + "'");
        }
        BigDecimal maxCost = cost(call, demand.inputTokens(), demand.outputTokens(), demand.images(), demand.audioSeconds());
        String principal = caller.principal().value();
        Quotas.Hold hold = quotas.admit(caller.tenant(), policy, principal, policies.limitOf(caller.tenant(), principal).orElse(null),
                call.at(), new Quotas.Demand(demand.inputTokens() + demand.outputTokens(), maxCost));
        call.reserved(maxCost);
        call.metered(policy.summary(), hold.headers(), (prompt, completion, served) -> {
            BigDecimal cost = served ? cost(call, prompt, completion, demand.images(), demand.audioSeconds()) : BigDecimal.ZERO;
            quotas.settle(hold, served ? prompt + completion : 0, cost);
            return cost;
        });
        call.hold(() -> call.meter(0, 0, false)); // settled without being metered (a bug): nothing is charged
    }

    /** Where the caller's calls may go under its tenant's policy. */
    public static Placement placement(Caller caller, EffectivePolicy policy) {
        return new Placement(caller.tenant().value(), policy.allowedRegions(), policy.residency(), policy.dedicatedOnly(),
                caller.tier() != null && caller.tier().policy().dedicatedAccelerators(), policy.allowedProviders());
    }

    /** The policy of the caller's tenant (cached for seconds). */
    public EffectivePolicy policyOf(Caller caller) {
        return policies.of(caller.tenant());
    }

    /** What a call costs at the price table's rates. */
    public BigDecimal cost(Call call, long inputTokens, long outputTokens, int images, double audioSeconds) {
        ModelPrice.Prices prices = policies.priceOf(call.model());
        return prices.cost(inputTokens, outputTokens, images, audioSeconds, call.task() == Task.FEATURE_EXTRACTION);
    }
}
