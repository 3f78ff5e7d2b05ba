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
}
