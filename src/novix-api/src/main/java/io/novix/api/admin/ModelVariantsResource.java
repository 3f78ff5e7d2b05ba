package io.novix.api.admin;

import io.novix.api.access.Acting;
import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.identity.entity.Operation;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.JsonInput;
import io.novix.core.modelroute.boundary.ModelRoutes;
import io.novix.core.routing.entity.ModelId;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Set;

/** Quantized variants of models (platform admin): served instead of the model to tenants that prefer them. */
@Guarded
@Path("/admin/model-variants")
@Produces(MediaType.APPLICATION_JSON)
public class ModelVariantsResource {

    @Inject
    ModelRoutes routes;

    @Context
    HttpServletRequest servletRequest;

    @GET
    @Allowed(Operation.MODEL_VARIANT_LIST)
    public List<ModelRoutes.VariantView> all() {
        return routes.variants();
    }

    @PUT
    @Path("{model: .+}")
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.MODEL_VARIANT_SET)
    public ModelRoutes.VariantView set(@PathParam("model") String model, byte[] body) {
        String quantized = JsonInput.object(body, Set.of("quantized")).requiredString("quantized");
        for (String m : List.of(model, quantized)) {
            if (!ModelId.valid(m) || m.indexOf(':') >= 0) {
                throw new InvalidRequest(ErrorCode.INVALID_MODEL, "'" + m + "' is not a Hub model id", "quantized");
            }
        }
        routes.variants().stream().filter(v -> v.model().equals(model)).findFirst().ifPresent(v -> Acting.before(servletRequest, v));
        return routes.setVariant(model, quantized);
    }

    @DELETE
    @Path("{model: .+}")
    @Allowed(Operation.MODEL_VARIANT_REMOVE)
    public Response remove(@PathParam("model") String model) {
        routes.variants().stream().filter(v -> v.model().equals(model)).findFirst().ifPresent(v -> Acting.before(servletRequest, v));
        routes.removeVariant(model);
        return Response.noContent().build();
    }
}
