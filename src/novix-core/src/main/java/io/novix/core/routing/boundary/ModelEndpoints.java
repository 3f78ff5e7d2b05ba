package io.novix.core.routing.boundary;

import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.Conflict;
import io.novix.core.kernel.NotFound;
import io.novix.core.routing.entity.EndpointKind;
import io.novix.core.routing.entity.ModelEndpoint;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Administration of where models are served. */
@Stateless
public class ModelEndpoints {

    @PersistenceContext(unitName = "novix")
    EntityManager em;

    @Inject
    Router router;

    Clock clock = Clock.systemUTC();

    public ModelEndpoint register(NewEndpoint request) {
        EndpointKind kind;
        try {
            kind = EndpointKind.valueOf(String.valueOf(request.kind()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kind must be one of SERVERLESS, DEDICATED, SELF_HOSTED");
        }
        Optional<URI> url = Optional.ofNullable(request.baseUrl()).map(ModelEndpoints::uri);
        ModelEndpoint endpoint = new ModelEndpoint(request.modelId(), request.task(), kind, url,
                request.region() == null ? "global" : request.region(),
                request.priority() == null ? 100 : request.priority(), clock.instant()).trustPrivate(request.trustedPrivate())
                .place(owner(request.dedicatedTo()), request.sovereign());
        boolean taken = em.createNamedQuery(ModelEndpoint.ALL, ModelEndpoint.class).getResultStream()
                .anyMatch(e -> e.modelId().equals(endpoint.modelId()) && e.baseUrl().equals(endpoint.baseUrl()));
        if (taken) {
            throw new Conflict(ErrorCode.ENDPOINT_EXISTS, "this model already has an endpoint at this URL");
        }
        em.persist(endpoint);
        router.invalidate();
        return endpoint;
    }

    /** The tenant an endpoint is dedicated to, checked to exist (null: shared). */
    private UUID owner(UUID tenant) {
        if (tenant != null && em.find(io.novix.core.tenant.entity.Tenant.class, tenant) == null) {
            throw new io.novix.core.kernel.InvalidRequest(ErrorCode.INVALID_FIELD, "'dedicatedTo' names no tenant", "dedicatedTo");
        }
        return tenant;
    }

    public List<ModelEndpoint> all() {
        return em.createNamedQuery(ModelEndpoint.ALL, ModelEndpoint.class).getResultList();
    }

    /** A model's endpoints, enabled or not, in the order they are tried. */
    public List<ModelEndpoint> ofModel(String model) {
        return em.createNamedQuery(ModelEndpoint.OF_MODEL, ModelEndpoint.class).setParameter("model", model).getResultList();
    }

    public ModelEndpoint change(UUID id, Optional<Boolean> enabled, Optional<Integer> priority, Optional<Boolean> sovereign) {
        ModelEndpoint endpoint = find(id);
        sovereign.ifPresent(s -> endpoint.place(endpoint.dedicatedTo(), s));
        enabled.ifPresent(endpoint::enable);
        priority.ifPresent(endpoint::reprioritise);
        router.invalidate();
        return endpoint;
    }

    public void remove(UUID id) {
        em.remove(find(id));
        router.invalidate();
    }

    /**
     * Makes sure a default model is listed as served by the router (first start, or a new default),
     * in the region the operator says the router's traffic stays in (residency is matched on it).
     */
    public void seedRouterEndpoint(String model, String task, String region) {
        List<ModelEndpoint> rows = em.createNamedQuery(ModelEndpoint.ROUTER_ROW, ModelEndpoint.class)
                .setParameter("model", model).getResultList();
        if (rows.isEmpty()) {
            ModelEndpoint row = new ModelEndpoint(model, task, EndpointKind.SERVERLESS, Optional.empty(), "global", 1000, clock.instant());
            row.routerRegion(region);
            em.persist(row);
        } else {
            rows.forEach(r -> r.routerRegion(region));
        }
    }

    private ModelEndpoint find(UUID id) {
        ModelEndpoint endpoint = em.find(ModelEndpoint.class, id);
        if (endpoint == null) {
            throw new NotFound(ErrorCode.ENDPOINT_NOT_FOUND, "no model endpoint with this id");
        }
        return endpoint;
    }

    private static URI uri(String raw) {
        try {
            return new URI(raw);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("baseUrl is not a URL");
        }
    }
}
