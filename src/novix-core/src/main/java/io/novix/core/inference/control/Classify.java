package io.novix.core.inference.control;

import io.novix.core.classification.boundary.Classifications;
import io.novix.core.classification.entity.ClassificationPolicy;
import io.novix.core.identity.entity.Caller;
import io.novix.core.inference.entity.Call;
import io.novix.core.routing.entity.Placement;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;

import java.util.List;

/**
 * The data-classification stage: a call carries its caller's label ({@code X-Data-Classification})
 * or its tenant's default, refused (400) when the tenant does not know it; once the tenant's policy
 * has placed the call, the label's rule may refuse the model or narrow the regions (403).
 */
@OneInstance
public class Classify {

    @Inject
    Classifications classifications;

    /** Before any capacity is taken: the label, known to the tenant. */
    public void label(Call call, Caller caller, String requested) {
        ClassificationPolicy policy = caller.tenant() == null ? ClassificationPolicy.STANDARD : classifications.of(caller.tenant());
        call.classified(policy.labelOf(requested));
    }

    /** After the tenant's policy placed the call: the label's rule, on the model and the regions. */
    public void narrow(Call call, Caller caller) {
        if (caller.tenant() == null) {
            return;
        }
        Placement placement = call.placement();
        List<String> regions = classifications.of(caller.tenant()).regionsFor(call.classification(), call.model(), placement.regions());
        if (!regions.equals(placement.regions())) {
            call.placed(new Placement(placement.tenant(), regions, placement.residency(), placement.dedicatedOnly(),
                    placement.dedicatedTier(), placement.providers()));
        }
    }
}
