package io.novix.core.routing.boundary;

import io.novix.core.routing.control.Breakers;
import io.novix.core.routing.entity.CircuitBreaker;
import io.novix.core.routing.entity.EndpointKind;
import io.novix.core.routing.entity.Route;
import io.novix.hf.HfFailure;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failover over real circuit breakers: who gets tried, in which order, and what is kept. */
class FailoverTest {

    /** An endpoint's answer in these tests: a failure or a success, and the attempts it took. */
    private record Answer(Optional<HfFailure> failure, int attempts) {
        static Answer ok() {
            return new Answer(Optional.empty(), 1);
        }

        static Answer failed(HfFailure.Kind kind, int attempts) {
            return new Answer(Optional.of(HfFailure.of(kind, 0, kind.name())), attempts);
        }
    }

    private static final Route PRIMARY = route("http://primary", EndpointKind.DEDICATED);
    private static final Route SECONDARY = route("http://secondary", EndpointKind.SELF_HOSTED);
    private static final Route ROUTER = route("http://router", EndpointKind.SERVERLESS);

    private final Map<URI, CircuitBreaker> breakerOf = new HashMap<>();
    private final Breakers breakers = new Breakers() {
        @Override
        public CircuitBreaker of(URI endpoint) {
            return breakerOf.computeIfAbsent(endpoint, e -> new CircuitBreaker(1, Duration.ofMinutes(5)));
        }

        @Override
        public Instant now() {
            return Instant.parse("2026-12-02T00:00:00Z");
        }
    };
    private final List<Route> tried = new ArrayList<>();

    @Test
    void anUnreachableEndpointFailsOverToTheNext() {
        Failover.Routed<Answer> routed = run(List.of(PRIMARY, SECONDARY),
                Map.of(PRIMARY, Answer.failed(HfFailure.Kind.UNREACHABLE, 3), SECONDARY, Answer.ok()));
        assertEquals(SECONDARY, routed.route());
        assertTrue(routed.fallbackUsed());
        assertEquals(4, routed.attempts(), "attempts add up across endpoints");
        assertEquals(List.of(PRIMARY, SECONDARY), tried);
    }

    @Test
    void theCallersFaultIsNotFailedOver() {
        Failover.Routed<Answer> routed = run(List.of(PRIMARY, SECONDARY),
                Map.of(PRIMARY, Answer.failed(HfFailure.Kind.BAD_REQUEST, 1), SECONDARY, Answer.ok()));
        assertEquals(PRIMARY, routed.route());
        assertEquals(List.of(PRIMARY), tried);
        assertTrue(routed.outcome().failure().isPresent());
        assertEquals("CLOSED", breakerOf.get(PRIMARY.target()).state(breakers.now()).name(),
                "an endpoint that answered a bad request properly is healthy");
    }

    @Test
    void theRoutersNotFoundIsFinalButADedicatedEndpointsIsNot() {
        Failover.Routed<Answer> router = run(List.of(ROUTER, SECONDARY),
                Map.of(ROUTER, Answer.failed(HfFailure.Kind.NOT_FOUND, 1), SECONDARY, Answer.ok()));
        assertEquals(ROUTER, router.route());
        tried.clear();
        Failover.Routed<Answer> dedicated = run(List.of(PRIMARY, SECONDARY),
                Map.of(PRIMARY, Answer.failed(HfFailure.Kind.NOT_FOUND, 1), SECONDARY, Answer.ok()));
        assertEquals(SECONDARY, dedicated.route());
    }

    @Test
    void anOpenBreakerIsSkippedAndAllOpenMeansNoEndpoint() {
        run(List.of(PRIMARY, SECONDARY), Map.of(PRIMARY, Answer.failed(HfFailure.Kind.SERVER_ERROR, 1), SECONDARY, Answer.ok()));
        tried.clear();
        Failover.Routed<Answer> next = run(List.of(PRIMARY, SECONDARY), Map.of(PRIMARY, Answer.ok(), SECONDARY, Answer.ok()));
        assertEquals(List.of(SECONDARY), tried, "the primary's breaker opened after its failure (threshold 1)");
        assertFalse(next.fallbackUsed() && next.route() == PRIMARY);

        breakerOf.get(SECONDARY.target()).failure(breakers.now());
        tried.clear();
        Failover.Routed<Answer> none = run(List.of(PRIMARY, SECONDARY), Map.of(PRIMARY, Answer.ok(), SECONDARY, Answer.ok()));
        assertTrue(none.noEndpoint());
        assertTrue(tried.isEmpty(), "nothing is called when every breaker is open");
    }

    @Test
    void whenEveryEndpointFailsTheLastFailureIsKept() {
        Failover.Routed<Answer> routed = run(List.of(PRIMARY, SECONDARY), Map.of(
                PRIMARY, Answer.failed(HfFailure.Kind.TIMEOUT, 1), SECONDARY, Answer.failed(HfFailure.Kind.UNAVAILABLE, 2)));
        assertFalse(routed.noEndpoint());
        assertEquals(SECONDARY, routed.route());
        assertEquals(HfFailure.Kind.UNAVAILABLE, routed.outcome().failure().orElseThrow().kind());
        assertEquals(3, routed.attempts());
    }

    private Failover.Routed<Answer> run(List<Route> routes, Map<Route, Answer> answers) {
        Function<Route, CompletableFuture<Answer>> call = route -> {
            tried.add(route);
            return CompletableFuture.completedFuture(answers.get(route));
        };
        return Failover.run(routes, breakers, call, Answer::failure, Answer::attempts).join();
    }

    private static Route route(String url, EndpointKind kind) {
        return new Route(URI.create(url), "eu", kind, "chat-completion");
    }
}
