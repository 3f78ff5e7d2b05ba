package io.novix.core.routing.boundary;

import io.novix.core.routing.control.Breakers;
import io.novix.core.routing.entity.EndpointAddress;
import io.novix.core.routing.entity.CircuitBreaker;
import io.novix.core.routing.entity.Route;
import io.novix.hf.HfFailure;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Tries a model's endpoints in order. An endpoint whose breaker is open is skipped; a failure
 * that is the endpoint's fault (5xx, loading beyond the wait, unreachable, timeout, refused
 * credentials, a dedicated endpoint's 404, malformed answer) counts against its breaker and moves on
 * to the next endpoint; a failure that is the caller's fault (400, 413, 422, the router's 404 for an
 * unknown model) ends the search at once.
 */
public final class Failover {

    /** The outcome that was kept, where it came from, and what it took. */
    public record Routed<T>(T outcome, Route route, boolean fallbackUsed, String breakerState, int attempts) {
        public boolean noEndpoint() {
            return outcome == null;
        }
    }

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Failover.class.getName());

    private Failover() {
    }

    public static <T> CompletableFuture<Routed<T>> run(List<Route> routes, Breakers breakers,
                                                       Function<Route, CompletableFuture<T>> call,
                                                       Function<T, Optional<HfFailure>> failureOf,
                                                       Function<T, Integer> attemptsOf) {
        return next(routes, 0, breakers, call, failureOf, attemptsOf, null, 0);
    }

    private static <T> CompletableFuture<Routed<T>> next(List<Route> routes, int index, Breakers breakers,
                                                         Function<Route, CompletableFuture<T>> call,
                                                         Function<T, Optional<HfFailure>> failureOf,
                                                         Function<T, Integer> attemptsOf,
                                                         Routed<T> lastFailure, int attempts) {
        if (index >= routes.size()) {
            return CompletableFuture.completedFuture(lastFailure != null ? lastFailure
                    : new Routed<>(null, null, false, "OPEN", attempts));
        }
        Route route = routes.get(index);
        CircuitBreaker breaker = breakers.of(route.target());
        String state = breaker.state(breakers.now()).name();
        if (!breaker.allow(breakers.now())) {
            return next(routes, index + 1, breakers, call, failureOf, attemptsOf, lastFailure, attempts);
        }
        String refusal = EndpointAddress.refusal(route.target());
        if (refusal != null) {
            // checked at registration, and again at every call: the name may resolve elsewhere now (DNS rebinding)
            LOG.warning(() -> "endpoint " + route.target().getHost() + " skipped: " + refusal);
            return next(routes, index + 1, breakers, call, failureOf, attemptsOf, lastFailure, attempts);
        }
        boolean fallback = index > 0;
        return call.apply(route).thenCompose(outcome -> {
            int total = attempts + attemptsOf.apply(outcome);
            Optional<HfFailure> failure = failureOf.apply(outcome);
            if (failure.isEmpty()) {
                breaker.success();
                return CompletableFuture.completedFuture(new Routed<>(outcome, route, fallback, state, total));
            }
            Routed<T> failed = new Routed<>(outcome, route, fallback, state, total);
            if (callersFault(failure.get(), route)) {
                breaker.success(); // the endpoint answered properly
                return CompletableFuture.completedFuture(failed);
            }
            breaker.failure(breakers.now());
            return next(routes, index + 1, breakers, call, failureOf, attemptsOf, failed, total);
        });
    }

    /** The router serves every public model, so its 404 means "no such model", not a broken router. */
    private static boolean callersFault(HfFailure failure, Route route) {
        return switch (failure.kind()) {
            case BAD_REQUEST, VALIDATION, PAYLOAD_TOO_LARGE -> true;
            case NOT_FOUND -> route.kind() == io.novix.core.routing.entity.EndpointKind.SERVERLESS;
            default -> false;
        };
    }
}
