package io.novix.core.inference.control;

import io.novix.core.tenant.entity.TenantId;
import io.novix.core.identity.entity.Principal;
import io.novix.core.access.boundary.AccessControl;
import io.novix.core.access.boundary.RefusalThrottle;
import io.novix.core.audit.boundary.AuditTrail;
import io.novix.core.audit.entity.Phase;
import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.audit.entity.Outcome;
import io.novix.core.identity.entity.Authentication;
import io.novix.core.identity.entity.Caller;
import io.novix.core.identity.entity.Role;
import io.novix.core.identity.entity.Scope;
import io.novix.core.identity.entity.TokenVerdict;
import io.novix.core.inference.entity.Call;
import io.novix.core.inference.entity.Inbound;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.Reply;
import io.novix.core.routing.boundary.Failover;
import io.novix.core.routing.boundary.Router;
import io.novix.core.routing.entity.EndpointKind;
import io.novix.core.routing.entity.Route;
import io.novix.core.routing.entity.Task;
import io.novix.core.tenant.entity.Tier;
import io.novix.hf.HfFailure;
import io.novix.hf.Usage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The pipeline with its real stages (Gate, Bulkheads, Dispatch, Settlement) and stand-ins only at
 * its edges: the credential check, the endpoint, the audit trail. Every path must end in exactly
 * one audit row and give its bulkhead place back.
 */
class PipelineTest {

    private static final UUID TENANT = UUID.randomUUID();
    private static final Route ROUTE = new Route(URI.create("http://127.0.0.1:1"), "eu", EndpointKind.SELF_HOSTED, "chat-completion");

    private final List<AuditEntry> audited = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicReference<CompletableFuture<Void>> admissionCommit = new AtomicReference<>();
    private final AtomicReference<Throwable> outcomeFailure = new AtomicReference<>();
    private final AtomicReference<io.novix.core.tenant.entity.ComplianceProfile> profile =
            new AtomicReference<>(io.novix.core.tenant.entity.ComplianceProfile.SOC2);
    private final AtomicReference<RuntimeException> auditFailure = new AtomicReference<>();
    private final AtomicReference<Authentication> verdict = new AtomicReference<>();
    private final AtomicReference<Function<Route, CompletableFuture<Served.FromEndpoint>>> endpoint = new AtomicReference<>();
    private final AtomicInteger parsed = new AtomicInteger();
    private Pipeline pipeline;
    private Bulkheads bulkheads;

    @BeforeEach
    void wire() {
        Gate gate = new Gate();
        gate.authenticator = new AccessControl() {
            @Override
            public Authentication bearer(String authorization, Instant now) {
                return verdict.get();
            }
        };
        bulkheads = new Bulkheads();
        bulkheads.standard = 1;
        Settlement settlement = new Settlement();
        settlement.telemetry = new Telemetry(); // no tracer: spans are Telemetry's own concern (TelemetryIT)
        settlement.audit = new AuditTrail() {
            @Override
            public CompletionStage<Void> record(AuditEntry entry) {
                audited.add(entry);
                if (entry.detail() != null && entry.detail().phase() == Phase.ADMISSION && admissionCommit.get() != null) {
                    return admissionCommit.get();
                }
                if (entry.detail() != null && entry.detail().phase() == Phase.OUTCOME && outcomeFailure.get() != null) {
                    return CompletableFuture.failedFuture(outcomeFailure.get());
                }
                return auditFailure.get() == null ? CompletableFuture.completedFuture(null)
                        : CompletableFuture.failedFuture(auditFailure.get());
            }

            @Override
            public CompletionStage<Void> recordEventually(AuditEntry entry) {
                return record(entry);
            }
        };
        settlement.metrics = new RequestMetrics() {
            @Override
            public void observe(String action, String tenant, int status, long elapsedNanos, Usage usage, java.math.BigDecimal cost) {
            }

            @Override
            public void cache(Call call, String tenant) {
            }
        };
        Dispatch dispatch = new Dispatch();
        dispatch.settlement = settlement;
        dispatch.caching = new Caching(); // the test tasks are not cached (CacheIT covers kept streams)
        dispatch.router = new Router() {
            @Override
            public <T> Placed<T> failover(String model, io.novix.core.routing.entity.Placement placement,
                                          Function<Route, CompletableFuture<T>> call, Function<T, Optional<HfFailure>> failureOf,
                                          Function<T, Integer> attemptsOf) {
                return new Placed<>(call.apply(ROUTE).thenApply(t -> new Failover.Routed<>(t, ROUTE, false, "CLOSED",
                        attemptsOf.apply(t))), false);
            }
        };
        RefusalThrottle throttle = new RefusalThrottle() {
            @Override
            public boolean refused(String address, TenantId tenant) {
                return true; // budgets are RefusalThrottle's own concern (ThrottleIT)
            }
        };
        settlement.throttle = throttle;
        pipeline = new Pipeline();
        pipeline.throttle = throttle;
        pipeline.policy = new PolicyAdmission() {
            @Override
            public void admit(Call call, io.novix.core.identity.entity.Caller caller, InferenceTask.Demand demand) {
                // the tenant's limits are PolicyAdmission's own concern (LimitLedgerJpaIT, LimitsAcrossInstancesIT)
                call.compliance(profile.get());
                call.reserved(new java.math.BigDecimal("0.25"));
            }
        };
        pipeline.redactions = new io.novix.core.privacy.boundary.Redactions() {
            @Override
            public io.novix.core.privacy.entity.RedactionPolicy policyFor(io.novix.core.tenant.entity.TenantId tenant,
                                                                          io.novix.core.tenant.entity.Tier tier) {
                return io.novix.core.privacy.entity.RedactionPolicy.defaultFor(tier.policy().compliance()); // no settings stored
            }
        };
        pipeline.gate = gate;
        pipeline.bulkheads = bulkheads;
        pipeline.dispatch = dispatch;
        pipeline.settlement = settlement;
        pipeline.classify = new Classify();
        pipeline.classify.classifications = new io.novix.core.classification.boundary.Classifications() {
            @Override
            public io.novix.core.classification.entity.ClassificationPolicy of(TenantId tenant) {
                return io.novix.core.classification.entity.ClassificationPolicy.STANDARD; // ClassificationIT covers the settings
            }
        };
        pipeline.steer = new Steer();
        pipeline.telemetry = settlement.telemetry;
        pipeline.caching = new Caching(); // the test task has no cache form: never cached (CacheIT covers the cache) // a task without a routable prompt is never routed (RoutingIT covers routes)
        pipeline.writeAhead = new WriteAhead();
        pipeline.writeAhead.audit = settlement.audit;
        verdict.set(Authentication.granted(caller(Scope.INFERENCE_CHAT)));
        endpoint.set(route -> CompletableFuture.completedFuture(new Served.FromEndpoint(
                new Served(Reply.ok("{\"ok\":true}".getBytes(StandardCharsets.UTF_8)), new Usage(7, 3)), Optional.empty(), 1)));
    }

    @Test
    void aServedCallIsAnsweredAuditedOnceAndGivesItsPlaceBack() {
        Reply reply = run("{\"model\":\"org/m\"}");
        assertEquals(200, reply.status());
        AuditEntry row = only();
        assertEquals(Outcome.SUCCESS, row.outcome());
        assertEquals("org/m", row.target());
        assertEquals(7, row.tokensIn());
        assertEquals(3, row.tokensOut());
        assertEquals("chat-completion", row.detail().task());
        assertEquals(ROUTE.target().toString(), row.detail().endpoint());
        assertEquals(0, bulkheads.inFlight(TENANT));
    }

    @Test
    void aMissingCredentialIsDeniedBeforeTheBodyIsRead() {
        verdict.set(Authentication.denied(TokenVerdict.MISSING, new Principal("anonymous"), null));
        Reply reply = run("not json");
        assertEquals(401, reply.status());
        assertEquals("Bearer realm=\"novix\"", reply.headers().get("WWW-Authenticate"));
        assertEquals(0, parsed.get(), "nothing of the body is read for an unauthenticated caller");
        AuditEntry row = only();
        assertEquals(Outcome.DENIED, row.outcome());
        assertEquals("/v1/test", row.target());
        assertEquals("missing_token", row.errorCode());
    }

    @Test
    void aCallerWithoutTheScopeLearnsNothingFromABrokenBody() {
        verdict.set(Authentication.granted(caller(Scope.INFERENCE_EMBEDDINGS)));
        Reply reply = run("not json");
        assertEquals(403, reply.status());
        assertEquals(ErrorCode.INSUFFICIENT_SCOPE.code(), reply.errorCode());
        assertEquals(Outcome.DENIED, only().outcome());
    }

    @Test
    void anInvalidRequestIsRefusedWithoutTakingCapacity() {
        Reply reply = run("not json");
        assertEquals(400, reply.status());
        assertEquals("invalid_json", reply.errorCode());
        AuditEntry row = only();
        assertEquals(Outcome.FAILED, row.outcome());
        assertEquals("chat-completion", row.detail().task());
        assertEquals(0, bulkheads.inFlight(TENANT));
    }

    @Test
    void aFullBulkheadRefuses429AndKeepsTheHoldersPlace() {
        CompletableFuture<Served.FromEndpoint> slow = new CompletableFuture<>();
        endpoint.set(route -> slow);
        CompletableFuture<Reply> first = pipeline.run(task(), in("{\"model\":\"org/m\"}")).toCompletableFuture();
        assertEquals(1, bulkheads.inFlight(TENANT));
        Reply refused = run("{\"model\":\"org/m\"}");
        assertEquals(429, refused.status());
        assertEquals("1", refused.headers().get("Retry-After"));
        assertEquals(1, bulkheads.inFlight(TENANT), "the refused call must not release the first call's place");
        slow.complete(Served.FromEndpoint.failed(HfFailure.of(HfFailure.Kind.UNREACHABLE, 0, "down"), 2));
        assertEquals(502, first.join().status());
        assertEquals(0, bulkheads.inFlight(TENANT));
        assertEquals(3, audited.size(), "the first call: admission and outcome; the refused one: its refusal");
    }

    @Test
    void aBugInTheTaskStillEndsTheCall() {
        endpoint.set(route -> {
            throw new IllegalStateException("a bug");
        });
        Reply reply = run("{\"model\":\"org/m\"}");
        assertEquals(500, reply.status());
        assertEquals("internal_error", reply.errorCode());
        assertEquals(Outcome.FAILED, only().outcome());
        assertEquals(0, bulkheads.inFlight(TENANT));
    }

    @Test
    void anEndpointFutureThatFailsStillEndsTheCall() {
        endpoint.set(route -> CompletableFuture.failedFuture(new IllegalStateException("lost")));
        assertEquals(500, run("{\"model\":\"org/m\"}").status());
        only();
        assertEquals(0, bulkheads.inFlight(TENANT));
    }

    @Test
    void noAnswerLeavesWithoutItsAuditRow() {
        auditFailure.set(new IllegalStateException("database down"));
        Reply reply = run("{\"model\":\"org/m\"}");
        assertEquals(503, reply.status());
        assertEquals("audit_unavailable", reply.errorCode());
        assertNull(reply.stream());
        assertEquals(0, bulkheads.inFlight(TENANT));
    }

    private Reply run(String body) {
        return pipeline.run(task(), in(body)).toCompletableFuture().join();
    }

    /** The call's one outcome (or single) entry; an admitted call's admission entry comes first. */
    private AuditEntry only() {
        List<AuditEntry> outcomes = audited.stream().filter(e -> e.detail() == null || e.detail().phase() != Phase.ADMISSION).toList();
        assertEquals(1, outcomes.size(), "exactly one outcome entry per call");
        return outcomes.get(0);
    }

    @Test
    void anAdmittedCallIsWrittenAheadAdmissionFirstThenItsOutcome() {
        Reply reply = run("{\"model\":\"org/m\"}");
        assertEquals(200, reply.status());
        assertEquals(2, audited.size());
        AuditEntry admission = audited.get(0);
        AuditEntry outcome = audited.get(1);
        assertEquals(Phase.ADMISSION, admission.detail().phase());
        assertEquals(Outcome.ADMITTED, admission.outcome());
        assertEquals(new java.math.BigDecimal("0.25"), admission.detail().reservedUsd());
        assertEquals("internal", admission.detail().dataClassification(), "no label sent: the tenant's default");
        assertEquals("org/m", admission.target());
        assertEquals(Phase.OUTCOME, outcome.detail().phase());
        assertEquals(admission.requestId(), outcome.requestId());
        assertEquals(admission.detail().credentialId(), outcome.detail().credentialId());
        assertEquals(Outcome.SUCCESS, outcome.outcome());
    }

    @Test
    void theAnswerWaitsForTheAdmissionCommitWhileTheUpstreamIsCalledInParallel() {
        CompletableFuture<Void> commit = new CompletableFuture<>();
        admissionCommit.set(commit);
        AtomicInteger upstreamCalls = new AtomicInteger();
        endpoint.set(route -> {
            upstreamCalls.incrementAndGet();
            return CompletableFuture.completedFuture(new Served.FromEndpoint(
                    new Served(Reply.ok("{}".getBytes(StandardCharsets.UTF_8)), new Usage(1, 1)), Optional.empty(), 1));
        });
        CompletableFuture<Reply> answer = pipeline.run(task(), in("{\"model\":\"org/m\"}")).toCompletableFuture();
        assertEquals(1, upstreamCalls.get(), "the upstream call does not wait for the admission commit");
        assertFalse(answer.isDone(), "no answer before the admission entry is committed");
        assertEquals(1, audited.size(), "the outcome is written only once the answer may go");
        commit.complete(null);
        assertEquals(200, answer.join().status());
        assertEquals(Phase.OUTCOME, audited.get(1).detail().phase());
    }

    @Test
    void anAdmissionThatCannotBeCommittedWithholdsTheAnswerAndChargesNothing() {
        admissionCommit.set(CompletableFuture.failedFuture(new IllegalStateException("database down")));
        Reply reply = run("{\"model\":\"org/m\"}");
        assertEquals(503, reply.status());
        assertEquals("audit_unavailable", reply.errorCode());
        AuditEntry outcome = only();
        assertEquals(503, outcome.httpStatus());
        assertEquals(0, outcome.tokensIn() + outcome.tokensOut(), "nothing delivered, nothing metered");
        assertEquals(0, bulkheads.inFlight(TENANT));
    }

    @Test
    void anOutcomeCommitIsNotWaitedForUnlessTheComplianceProfileSaysSo() {
        outcomeFailure.set(new IllegalStateException("slow disk"));
        assertEquals(200, run("{\"model\":\"org/m\"}").status(), "SOC 2: the answer does not wait for the outcome entry");
        profile.set(io.novix.core.tenant.entity.ComplianceProfile.FEDRAMP_HIGH);
        Reply government = run("{\"model\":\"org/m\"}");
        assertEquals(503, government.status(), "FedRAMP High: the answer waits for the outcome entry too");
        assertEquals("audit_unavailable", government.errorCode());
    }

    private static Inbound in(String body) {
        return Inbound.json("Bearer x", body.getBytes(StandardCharsets.UTF_8), "/v1/test", "req-" + UUID.randomUUID());
    }

    private static Caller caller(Scope scope) {
        return new Caller(new Principal("token:t"), TenantId.of(TENANT), "acme", Tier.STANDARD, UUID.randomUUID(), Role.DEVELOPER, EnumSet.of(scope));
    }

    /** A task whose request is its model name, as JSON {"model":...}. */
    private InferenceTask<String> task() {
        return new InferenceTask<>() {
            @Override
            public String action() {
                return "inference.test";
            }

            @Override
            public String parse(Inbound in) {
                parsed.incrementAndGet();
                String body = new String(in.body(), StandardCharsets.UTF_8);
                if (!body.startsWith("{\"model\":\"")) {
                    throw new InvalidRequest(ErrorCode.INVALID_JSON, "request body is not valid JSON", null);
                }
                return body.substring(10, body.length() - 2);
            }

            @Override
            public Task task(String request) {
                return Task.CHAT_COMPLETION;
            }

            @Override
            public String model(String request) {
                return request;
            }

            @Override
            public Exchange exchange(Call call, String request) {
                return new Exchange.Answer(route -> endpoint.get().apply(route));
            }
        };
    }
}
