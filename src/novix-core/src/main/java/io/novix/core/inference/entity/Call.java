package io.novix.core.inference.entity;

import io.novix.core.identity.entity.Caller;
import io.novix.core.routing.entity.Task;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * One inference call on its way through the pipeline, stage by stage: who, what, when, gathered
 * for the audit row, and every permit it holds (a bulkhead place; later rate-limit and budget
 * reservations), all given back exactly once when the call is settled.
 */
public final class Call {

    /** The stages in the order a call passes them; a call may be settled from any of them. */
    public enum Stage { RECEIVED, AUTHENTICATED, AUTHORISED, ADMITTED, ROUTED, ANSWERED, STREAMING, SETTLED }

    private final String action;
    private final String target;
    private final String requestId;
    private final long startedNanos;
    private final Instant at;
    private final String clientAddress;
    private Stage stage = Stage.RECEIVED;
    private Caller caller;
    private Task task;
    private String model;
    private String redactions;
    private String policy;
    private io.novix.core.modelroute.entity.ModelRoute.Decision route;
    private CacheUse cache;
    private Trace trace;
    private io.novix.core.tenant.entity.ComplianceProfile profile;
    private java.util.Map<String, String> rateHeaders = java.util.Map.of();
    private Meter meter;
    private java.math.BigDecimal cost;
    private io.novix.core.routing.entity.Placement placement = io.novix.core.routing.entity.Placement.anywhere();
    private final Deque<Runnable> permits = new ArrayDeque<>();
    private java.math.BigDecimal reserved;
    private String classification;
    private java.util.concurrent.CompletableFuture<Void> admission;
    private boolean awaitOutcome;

    private Call(String action, String target, String requestId, String clientAddress, long startedNanos, Instant at) {
        this.clientAddress = clientAddress;
        this.action = action;
        this.target = target;
        this.requestId = requestId;
        this.startedNanos = startedNanos;
        this.at = at;
    }

    /** {@code target}: the path it was sent to, the audit row's target until a model is known. */
    public static Call received(String action, String target, String requestId) {
        return received(action, target, requestId, null);
    }

    /** {@code clientAddress}: the peer's address, for throttling refusals and the audit row. */
    public static Call received(String action, String target, String requestId, String clientAddress) {
        return new Call(action, target, requestId, clientAddress, System.nanoTime(), Instant.now());
    }

    public synchronized void authenticated(Caller caller) {
        advance(Stage.AUTHENTICATED);
        this.caller = caller;
    }

    public synchronized void authorised() {
        advance(Stage.AUTHORISED);
    }

    /** What the call asks for, once its request is read. */
    public synchronized Call about(String model, Task task) {
        this.model = model;
        this.task = task;
        return this;
    }

    /**
     * A permit the call holds until it is settled ({@code release} runs then, exactly once, last
     * taken first released). A call already settled gives it back at once.
     */
    public void hold(Runnable release) {
        synchronized (this) {
            if (stage != Stage.SETTLED) {
                permits.push(release);
                return;
            }
        }
        release.run();
    }

    /** What redaction removed from the request, by kind ({@code EMAIL=2}); empty when nothing. */
    public synchronized void redacted(String summary) {
        this.redactions = summary;
    }

    public synchronized String redactions() {
        return redactions;
    }

    /**
     * Admitted under the tenant's policy ({@code summary}, for the audit row): {@code meter} settles
     * what the call reserved against what it used (tokens, USD), once; the rate-limit headers go on
     * its answer.
     */
    /** Settles a call's reservation with what it used, and says what that cost (USD). */
    @FunctionalInterface
    public interface Meter {
        java.math.BigDecimal settle(long promptTokens, long completionTokens, boolean served);
    }

    public synchronized void metered(String summary, java.util.Map<String, String> headers, Meter meter) {
        this.policy = summary;
        this.rateHeaders = headers;
        this.meter = meter;
    }

    /** Where the tenant's policy lets the call go (residency, dedicated endpoints). */
    public synchronized void placed(io.novix.core.routing.entity.Placement where) {
        this.placement = where;
    }

    public synchronized io.novix.core.routing.entity.Placement placement() {
        return placement;
    }

    /**
     * The policy that admitted or refused the call, or null before the policy stage; led by the model
     * route's decision when a route chose the model ({@code route=auto/0.31/complexity<0.40;rpm=…}).
     */
    public synchronized String policy() {
        if (route == null) {
            return policy;
        }
        String decided = "route=" + route.route() + "/" + (route.complexity() == null ? "-" : route.complexity().formatted()) + "/"
                + route.rule();
        return policy == null ? decided : decided + ";" + policy;
    }

    /** A model route chose the model: its decision goes to the audit rows and the {@code X-Novix-Route} header. */
    public synchronized void routedBy(io.novix.core.modelroute.entity.ModelRoute.Decision decision) {
        this.route = decision;
    }

    /**
     * How the call used the response cache: {@code header} is {@code hit}, {@code miss} or {@code bypass};
     * {@code storeAs} is where its answer is kept (null: not kept); {@code saved} what a hit saved (USD).
     */
    public record CacheUse(String header, io.novix.core.cache.entity.CacheKey storeAs, java.time.Duration ttl,
                           java.math.BigDecimal saved) {
    }

    /** The call's trace span, as the telemetry stage handles it (no tracing API in the entity): end it, annotate it. */
    public record Trace(Runnable end, java.util.function.BiConsumer<String, String> text,
                        java.util.function.ObjLongConsumer<String> number) {
    }

    public synchronized void traced(Trace span) {
        this.trace = span;
    }

    /** The call's span, taken once: whoever gets it ends it. */
    public synchronized Trace trace() {
        Trace t = trace;
        trace = null;
        return t;
    }

    public synchronized void cache(CacheUse use) {
        this.cache = use;
    }

    /** How the call used the cache, or null when its task is not cacheable. */
    public synchronized CacheUse cacheUse() {
        return cache;
    }

    /** Served from the cache: nothing went upstream. */
    public synchronized boolean cacheHit() {
        return cache != null && "hit".equals(cache.header());
    }

    /** {@code X-Novix-Cache} for a cacheable call (a stable answer for the caller: hit, miss or bypass). */
    public synchronized java.util.Map<String, String> cacheHeaders() {
        return cache == null ? java.util.Map.of() : java.util.Map.of("X-Novix-Cache", cache.header());
    }

    /** {@code X-Novix-Route} when a route chose the model; empty otherwise. */
    public synchronized java.util.Map<String, String> routeHeaders() {
        return route == null ? java.util.Map.of() : java.util.Map.of("X-Novix-Route", route.header());
    }

    public synchronized void policy(String summary) {
        this.policy = summary;
    }

    public synchronized java.util.Map<String, String> rateHeaders() {
        return rateHeaders;
    }

    /**
     * Settles the reservation with what the call used (once; later calls do nothing) and keeps the
     * cost for the audit row. A call without a reservation costs nothing here.
     */
    public void meter(long promptTokens, long completionTokens, boolean served) {
        Meter m;
        synchronized (this) {
            m = meter;
            meter = null;
        }
        if (m != null) {
            java.math.BigDecimal c = m.settle(promptTokens, completionTokens, served);
            synchronized (this) {
                cost = c;
            }
        }
    }

    /** What the call cost (USD), once metered; null when it was not. */
    public synchronized java.math.BigDecimal cost() {
        return cost;
    }

    /** The most the call may cost (USD), held from the tenant's budget at admission. */
    public synchronized void reserved(java.math.BigDecimal usd) {
        this.reserved = usd;
    }

    public synchronized java.math.BigDecimal reserved() {
        return reserved;
    }

    /** The data classification the call carries (the caller's label or the tenant's default). */
    public synchronized void classified(String label) {
        this.classification = label;
    }

    public synchronized String classification() {
        return classification;
    }

    /** The tenant's compliance profile: whether the answer's last byte waits for the outcome entry too. */
    public synchronized void compliance(io.novix.core.tenant.entity.ComplianceProfile profile) {
        this.profile = profile;
        this.awaitOutcome = profile != null && profile.awaitsAuditOutcome();
    }

    /** The compliance profile the tenant's policy gave the call, or null before (or without) the policy stage. */
    public synchronized io.novix.core.tenant.entity.ComplianceProfile compliance() {
        return profile;
    }

    /**
     * The admission entry is on its way to the audit trail; {@code committed} completes when it is.
     * {@code awaitOutcome}: the answer waits for the outcome entry too, whatever the compliance profile.
     */
    public synchronized void writtenAhead(java.util.concurrent.CompletableFuture<Void> committed, boolean awaitOutcome) {
        this.admission = committed;
        this.awaitOutcome |= awaitOutcome;
    }

    /** The admission entry's commit, or empty for a call refused before admission (it has a single entry). */
    public synchronized Optional<java.util.concurrent.CompletableFuture<Void>> admission() {
        return Optional.ofNullable(admission);
    }

    public synchronized boolean awaitsOutcome() {
        return awaitOutcome;
    }

    public synchronized void admitted() {
        advance(Stage.ADMITTED);
    }

    public synchronized void routed() {
        advance(Stage.ROUTED);
    }

    public synchronized void answered() {
        advance(Stage.ANSWERED);
    }

    public synchronized void streaming() {
        advance(Stage.STREAMING);
    }

    /**
     * Ends the call: releases every permit. True the first time only, so the one place that
     * settles calls records each outcome once, whatever path (or exception) got there.
     */
    public boolean settle() {
        Deque<Runnable> held;
        synchronized (this) {
            if (stage == Stage.SETTLED) {
                return false;
            }
            stage = Stage.SETTLED;
            held = new ArrayDeque<>(permits);
            permits.clear();
        }
        RuntimeException first = null;
        for (Runnable release : held) {
            try {
                release.run();
            } catch (RuntimeException e) { // one failing release must not keep the others
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
        return true;
    }

    private void advance(Stage next) {
        if (next.ordinal() <= stage.ordinal()) {
            throw new IllegalStateException("a call cannot go from " + stage + " to " + next);
        }
        stage = next;
    }

    public int elapsedMs() {
        return (int) ((System.nanoTime() - startedNanos) / 1_000_000);
    }

    public synchronized Stage stage() { return stage; }
    public synchronized Optional<Caller> caller() { return Optional.ofNullable(caller); }
    public synchronized Task task() { return task; }
    public synchronized String model() { return model; }
    public String action() { return action; }
    public String target() { return target; }
    public String clientAddress() { return clientAddress; }
    public String requestId() { return requestId; }
    public long startedNanos() { return startedNanos; }
    public Instant at() { return at; }
}
