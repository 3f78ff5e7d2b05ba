package io.novix.core.dedicated.boundary;

import io.novix.core.credentials.boundary.UpstreamCredentials;
import io.novix.core.dedicated.control.DedicatedStore;
import io.novix.core.dedicated.control.EndpointsApi;
import io.novix.core.dedicated.entity.DedicatedEndpoint;
import io.novix.core.dedicated.entity.EndpointSpec;
import io.novix.core.dedicated.entity.EndpointState;
import io.novix.core.kernel.Conflict;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.Forbidden;
import io.novix.core.kernel.NotFound;
import io.novix.core.kernel.Refusal;
import io.novix.core.policy.boundary.Policies;
import io.novix.core.policy.entity.EffectivePolicy;
import io.novix.core.routing.boundary.ModelEndpoints;
import io.novix.core.routing.boundary.NewEndpoint;
import io.novix.core.tenant.boundary.Tenants;
import io.novix.core.tenant.entity.Residency;
import io.novix.core.tenant.entity.Tenant;
import io.novix.core.tenant.entity.TenantId;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Dedicated Inference Endpoints (docs/cost-levers.md#dedicated-inference-endpoints), managed through
 * Hugging Face's Endpoints API for Enterprise and Government tenants: created by the platform admin
 * in a region the tenant's policy allows (a Government tenant's: one of its sovereign regions, always
 * dedicated to it), paused, resumed and scaled to zero by the tenant admin, deleted by the platform
 * admin. Once the API reports it serving, the endpoint becomes the tenant's first route for its model.
 */
@OneInstance
public class DedicatedEndpoints {

    @Inject
    DedicatedStore store;

    @Inject
    EndpointsApi api;

    @Inject
    UpstreamCredentials credentials;

    @Inject
    ModelEndpoints routes;

    @Inject
    Policies policies;

    @Inject
    Tenants tenants;

    @Inject
    @ConfigProperty(name = "NOVIX_HF_ENDPOINTS_API", defaultValue = "https://api.endpoints.huggingface.cloud")
    String apiUrl;

    @Inject
    @ConfigProperty(name = "NOVIX_HF_ENDPOINTS_NAMESPACE", defaultValue = "novix")
    String namespace;

    /** An endpoint as the admin API shows it. */
    public record View(String name, String model, String task, String vendor, String region, String accelerator, String instanceType,
                       String instanceSize, int minReplica, int maxReplica, int scaleToZeroTimeout, boolean sovereign, String state,
                       String url, UUID modelEndpointId, Instant createdAt, Instant updatedAt) {
        static View of(DedicatedEndpoint d) {
            return new View(d.name(), d.modelId(), d.task(), d.vendor(), d.region(), d.accelerator(), d.instanceType(), d.instanceSize(),
                    d.minReplica(), d.maxReplica(), d.scaleToZeroMinutes(), d.sovereign(), d.state().name(), d.url(), d.modelEndpointId(),
                    d.createdAt(), d.updatedAt());
        }
    }

    public View create(TenantId tenantId, EndpointSpec spec) {
        Tenant tenant = tenants.find(tenantId.value());
        if (!tenant.tier().policy().dedicatedAccelerators()) {
            throw new Forbidden(ErrorCode.DEDICATED_NOT_IN_TIER, "dedicated endpoints are for Enterprise and Government tenants");
        }
        EffectivePolicy policy = policies.of(tenantId);
        boolean sovereign = policy.residency() == Residency.SOVEREIGN;
        if (sovereign && policy.allowedRegions().isEmpty()) {
            throw new Forbidden(ErrorCode.REGION_NOT_ALLOWED, "a Sovereign tenant's endpoints run only in its own regions: set "
                    + "its policy's allowedRegions first");
        }
        if (!policy.allowedRegions().isEmpty() && !policy.allowedRegions().contains(spec.region())) {
            throw new Forbidden(ErrorCode.REGION_NOT_ALLOWED, "region '" + spec.region() + "' is outside the tenant's allowed regions");
        }
        if (!policy.allowsModel(spec.model())) {
            throw new Forbidden(ErrorCode.MODEL_NOT_ALLOWED, "the tenant's policy does not allow model '" + spec.model() + "'");
        }
        if (store.nameTaken(spec.name())) {
            throw new Conflict(ErrorCode.ENDPOINT_EXISTS, "a dedicated endpoint named '" + spec.name() + "' exists");
        }
        // created at Hugging Face first: a refused or failed creation leaves nothing behind in Novix
        EndpointsApi.Described d = call(() -> api.create(URI.create(apiUrl), namespace, key(), spec));
        DedicatedEndpoint row = store.add(new DedicatedEndpoint(tenantId.value(), spec, sovereign, Instant.now()));
        return View.of(observe(row, d));
    }

    /** The tenant's endpoints, each as the API reports it now (and routed once serving). */
    public List<View> list(TenantId tenantId) {
        tenants.find(tenantId.value());
        return store.of(tenantId.value()).stream().map(this::refresh).map(View::of).toList();
    }

    public View status(TenantId tenantId, String name) {
        return View.of(refresh(own(tenantId, name)));
    }

    /** {@code action}: pause, resume or scale-to-zero. */
    public View act(TenantId tenantId, String name, String action) {
        DedicatedEndpoint d = own(tenantId, name);
        return View.of(observe(d, call(() -> api.act(URI.create(apiUrl), namespace, key(), d.name(), action))));
    }

    /** Deleted at Hugging Face, and its route with it. */
    public View delete(TenantId tenantId, String name) {
        DedicatedEndpoint d = own(tenantId, name);
        try {
            api.delete(URI.create(apiUrl), namespace, key(), d.name());
        } catch (EndpointsApi.Gone alreadyGone) {
            // deleted at Hugging Face already: Novix forgets it too
        } catch (EndpointsApi.Unavailable e) {
            throw unavailable(e.getMessage());
        } catch (RuntimeException e) { // circuit open, timeout
            throw unavailable(e.getClass().getSimpleName());
        }
        if (d.modelEndpointId() != null) {
            try {
                routes.remove(d.modelEndpointId());
            } catch (Refusal gone) {
                // its route was removed by hand
            }
        }
        store.remove(d.id());
        return View.of(d);
    }

    private DedicatedEndpoint refresh(DedicatedEndpoint d) {
        try {
            return observe(d, api.read(URI.create(apiUrl), namespace, key(), d.name()));
        } catch (EndpointsApi.Gone gone) {
            return store.observed(d.id(), EndpointState.DELETED, null, null);
        } catch (EndpointsApi.Unavailable | RuntimeException e) {
            return d; // shown as last seen; the next read asks again
        }
    }

    /** The state the API reported; a serving endpoint with a URL becomes the tenant's route for its model (once). */
    private DedicatedEndpoint observe(DedicatedEndpoint d, EndpointsApi.Described described) {
        EndpointState state = EndpointState.fromApi(described.state());
        UUID route = null;
        if (d.modelEndpointId() == null && state.serves() && described.url() != null) {
            // the URL comes from the configured Endpoints API, which the platform admin vouched for
            try {
                route = routes.register(new NewEndpoint(d.modelId(), d.task(), "DEDICATED", described.url(), d.region(), 1, true,
                        d.tenantId(), d.sovereign())).id();
            } catch (Conflict registeredMeanwhile) { // another read registered it first
                route = routes.ofModel(d.modelId()).stream().filter(e -> e.baseUrl().map(u -> u.equals(described.url()))
                        .orElse(false)).map(io.novix.core.routing.entity.ModelEndpoint::id).findFirst().orElse(null);
            }
        }
        return store.observed(d.id(), state, described.url(), route);
    }

    private DedicatedEndpoint own(TenantId tenantId, String name) {
        tenants.find(tenantId.value());
        return store.find(tenantId.value(), name)
                .orElseThrow(() -> new NotFound(ErrorCode.ENDPOINT_NOT_FOUND, "the tenant has no dedicated endpoint '" + name + "'"));
    }

    private String key() {
        return credentials.platformKey().orElseThrow(() -> unavailable("no Hugging Face key is configured (HF_API_KEY)"));
    }

    private interface ApiCall {
        EndpointsApi.Described run() throws EndpointsApi.Unavailable, EndpointsApi.Gone;
    }

    private static EndpointsApi.Described call(ApiCall call) {
        try {
            return call.run();
        } catch (EndpointsApi.Gone e) {
            throw new NotFound(ErrorCode.ENDPOINT_NOT_FOUND, "Hugging Face has no such endpoint");
        } catch (EndpointsApi.Unavailable e) {
            throw unavailable(e.getMessage());
        } catch (Refusal r) {
            throw r;
        } catch (RuntimeException e) { // the circuit is open, or the call timed out
            throw unavailable(e.getClass().getSimpleName());
        }
    }

    private static Refusal unavailable(String why) {
        return new Refusal(ErrorCode.ENDPOINTS_API_UNAVAILABLE, "the Inference Endpoints API is unavailable (" + why + "); retry later");
    }
}
