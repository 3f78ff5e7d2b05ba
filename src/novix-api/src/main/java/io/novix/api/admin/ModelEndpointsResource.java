package io.novix.api.admin;

import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.JsonInput;
import io.novix.core.routing.boundary.ModelEndpoints;
import io.novix.core.routing.entity.ModelEndpoint;
import io.novix.core.routing.boundary.NewEndpoint;
import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.identity.entity.Operation;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where each model is served (platform administration). */
@Guarded
@Path("/admin/model-endpoints")
@Produces(MediaType.APPLICATION_JSON)
public class ModelEndpointsResource {

    private static final Set<String> FIELDS = Set.of("modelId", "task", "kind", "baseUrl", "region", "priority", "trustedPrivate",
            "dedicatedTo", "sovereign");
    private static final Set<String> CHANGES = Set.of("enabled", "priority", "sovereign");

    @Inject
    ModelEndpoints endpoints;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.ENDPOINT_REGISTER)
    public Response register(byte[] body) {
        JsonInput in = JsonInput.object(body, FIELDS);
        NewEndpoint request = new NewEndpoint(in.requiredString("modelId"), in.requiredString("task"),
                in.requiredString("kind"), in.optionalString("baseUrl").orElse(null),
                in.optionalString("region").orElse(null), integer(in.json().get("priority"), "priority").orElse(null),
                flag(in.json().get("trustedPrivate"), "trustedPrivate"),
                in.optionalString("dedicatedTo").map(ModelEndpointsResource::tenantId).orElse(null),
                flag(in.json().get("sovereign"), "sovereign"));
        return Response.status(201).entity(EndpointView.of(endpoints.register(request))).build();
    }

    @GET
    @Allowed(Operation.ENDPOINT_LIST)
    public List<EndpointView> all() {
        return endpoints.all().stream().map(EndpointView::of).toList();
    }

    @PATCH
    @Path("{endpointId}")
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.ENDPOINT_CHANGE)
    public EndpointView change(@PathParam("endpointId") String id, byte[] body) {
        JsonInput in = JsonInput.object(body, CHANGES);
        JsonValue enabled = in.json().get("enabled");
        if (enabled != null && enabled != JsonValue.TRUE && enabled != JsonValue.FALSE) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'enabled' must be a boolean", "enabled");
        }
        return EndpointView.of(endpoints.change(Ids.parse(id, ErrorCode.ENDPOINT_NOT_FOUND),
                enabled == null ? Optional.empty() : Optional.of(enabled == JsonValue.TRUE),
                integer(in.json().get("priority"), "priority"),
                in.json().containsKey("sovereign") ? Optional.of(flag(in.json().get("sovereign"), "sovereign")) : Optional.empty()));
    }

    @jakarta.inject.Inject
    io.novix.core.credentials.boundary.UpstreamCredentials credentials;

    @jakarta.ws.rs.core.Context
    jakarta.servlet.http.HttpServletRequest servletRequest;

    /** The endpoint's own key (a dedicated endpoint's or a self-hosted server's), sent to it alone; sealed, never shown. */
    @PUT
    @Path("{endpointId}/credential")
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.UPSTREAM_CREDENTIAL_SET)
    public io.novix.core.credentials.boundary.UpstreamCredentials.View setCredential(@PathParam("endpointId") String id, byte[] body) {
        String key = JsonInput.object(body, UpstreamCredentialsResource.FIELDS).requiredString("apiKey");
        String scope = scope(id);
        credentials.find(scope).ifPresent(v -> io.novix.api.access.Acting.before(servletRequest, v));
        return credentials.set(scope, key);
    }

    @DELETE
    @Path("{endpointId}/credential")
    @Allowed(Operation.UPSTREAM_CREDENTIAL_REMOVE)
    public Response removeCredential(@PathParam("endpointId") String id) {
        String scope = scope(id);
        credentials.find(scope).ifPresent(v -> io.novix.api.access.Acting.before(servletRequest, v));
        credentials.remove(scope);
        return Response.noContent().build();
    }

    /** An endpoint's credential is its server's: the scope is the base URL (the router takes the platform key). */
    private String scope(String id) {
        java.util.UUID endpointId = Ids.parse(id, ErrorCode.ENDPOINT_NOT_FOUND);
        ModelEndpoint e = endpoints.all().stream().filter(x -> x.id().equals(endpointId)).findFirst()
                .orElseThrow(() -> new io.novix.core.kernel.NotFound(ErrorCode.ENDPOINT_NOT_FOUND, "no such endpoint"));
        String base = e.baseUrl().orElseThrow(() -> new InvalidRequest(ErrorCode.INVALID_FIELD,
                "the router's endpoints take the platform key (PUT /admin/upstream-credentials/platform)", null));
        return io.novix.core.credentials.boundary.UpstreamCredentials.scopeOf(java.net.URI.create(base));
    }

    @DELETE
    @Path("{endpointId}")
    @Allowed(Operation.ENDPOINT_REMOVE)
    public Response remove(@PathParam("endpointId") String id) {
        endpoints.remove(Ids.parse(id, ErrorCode.ENDPOINT_NOT_FOUND));
        return Response.noContent().build();
    }

    private static Optional<Integer> integer(JsonValue v, String name) {
        if (v == null || v == JsonValue.NULL) {
            return Optional.empty();
        }
        if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'" + name + "' must be an integer", name);
        }
        return Optional.of(n.intValue());
    }

    private static java.util.UUID tenantId(String raw) {
        try {
            return java.util.UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'dedicatedTo' must be a tenant id", "dedicatedTo");
        }
    }

    /** A boolean field: true only when given as the JSON literal true. */
    private static boolean flag(jakarta.json.JsonValue value, String name) {
        if (value == null || value == jakarta.json.JsonValue.FALSE || value == jakarta.json.JsonValue.NULL) {
            return false;
        }
        if (value != jakarta.json.JsonValue.TRUE) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'" + name + "' must be true or false", name);
        }
        return true;
    }
}
