package io.novix.core.inference.control;

import io.novix.core.routing.entity.Route;
import io.novix.hf.StreamOutcome;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** What a task does with one endpoint: ask for a whole answer, or open a stream relayed as it comes. */
public sealed interface Exchange {

    /** One request, one answer, shaped and metered by the task. */
    record Answer(Function<Route, CompletableFuture<Served.FromEndpoint>> send) implements Exchange {
    }

    /** An event stream: {@code open} starts it on an endpoint, {@code relay} writes it to the client. */
    record Stream(StreamRelay relay, Function<Route, CompletableFuture<StreamOutcome>> open) implements Exchange {
    }

    /**
     * The OpenAI-format body for each route: the router gets the model narrowed to the inference
     * providers the tenant's policy allows ({@code model:provider}); other endpoints get it as sent.
     */
    static Function<Route, byte[]> bodies(io.novix.core.inference.entity.Call call, String model, byte[] body,
                                          Function<String, byte[]> withModel) {
        String routed = model == null ? null : call.placement().routerModel(model).orElse(model);
        byte[] viaRouter = routed == null || routed.equals(model) ? body : withModel.apply(routed);
        return route -> route.kind() == io.novix.core.routing.entity.EndpointKind.SERVERLESS ? viaRouter : body;
    }
}
