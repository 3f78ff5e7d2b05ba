package io.novix.api.admin;

import io.novix.api.access.Acting;
import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.identity.entity.Operation;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.JsonInput;
import io.novix.core.kernel.NotFound;
import io.novix.core.policy.boundary.Policies;
import io.novix.core.policy.entity.ModelPrice;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
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

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The price table (USD), managed by the platform admin; every inference audit row carries its cost from it. */
@Guarded
@Path("/admin/prices")
@Produces(MediaType.APPLICATION_JSON)
public class PricesResource {

    private static final Set<String> FIELDS = Set.of("inputPer1k", "outputPer1k", "perImage", "perAudioSecond", "perEmbeddingToken");

    public record PriceView(String modelId, BigDecimal inputPer1k, BigDecimal outputPer1k, BigDecimal perImage,
                            BigDecimal perAudioSecond, BigDecimal perEmbeddingToken, Instant updatedAt) {
        static PriceView of(ModelPrice p) {
            ModelPrice.Prices x = p.prices();
            return new PriceView(p.modelId(), x.inputPer1k(), x.outputPer1k(), x.perImage(), x.perAudioSecond(),
                    x.perEmbeddingToken(), p.updatedAt());
        }
    }

    @Inject
    Policies policies;

    @Context
    HttpServletRequest servletRequest;

    @GET
    @Allowed(Operation.PRICE_LIST)
    public List<PriceView> list() {
        return policies.prices().stream().map(PriceView::of).toList();
    }

    @PUT
    @Path("{model: .+}")
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.PRICE_SET)
    public PriceView set(@PathParam("model") String model, byte[] body) {
        JsonInput in = JsonInput.object(body, FIELDS);
        policies.prices().stream().filter(p -> p.modelId().equals(model)).findFirst()
                .ifPresent(p -> Acting.before(servletRequest, PriceView.of(p)));
        try {
            return PriceView.of(policies.setPrice(model, new ModelPrice.Prices(amount(in, "inputPer1k"), amount(in, "outputPer1k"),
                    amount(in, "perImage"), amount(in, "perAudioSecond"), amount(in, "perEmbeddingToken"))));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, e.getMessage(), null);
        }
    }

    @DELETE
    @Path("{model: .+}")
    @Allowed(Operation.PRICE_REMOVE)
    public PriceView remove(@PathParam("model") String model) {
        ModelPrice p = policies.prices().stream().filter(x -> x.modelId().equals(model)).findFirst()
                .orElseThrow(() -> new NotFound(ErrorCode.NOT_FOUND, "no price for this model"));
        Acting.before(servletRequest, PriceView.of(p));
        policies.removePrice(model);
        return PriceView.of(p);
    }

    private static BigDecimal amount(JsonInput in, String field) {
        JsonValue v = in.json().get(field);
        if (v == null || v == JsonValue.NULL) {
            return BigDecimal.ZERO;
        }
        if (!(v instanceof JsonNumber n) || n.bigDecimalValue().precision() > 30) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'" + field + "' must be a USD amount", field);
        }
        return n.bigDecimalValue();
    }
}
