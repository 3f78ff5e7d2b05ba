package io.novix.core.inference.control;

import io.novix.core.inference.entity.Call;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.Reply;
import io.novix.core.routing.boundary.Router;
import io.novix.hf.StreamOutcome;
import io.novix.hf.Usage;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The stages after admission: <em>routed</em> (the model's endpoints tried in order, open
 * breakers skipped, failing over until one serves) and then <em>answered</em> or
 * <em>streaming</em>, each handing the call to {@link Settlement}. Failures before a stream's
 * first byte fail over and are answered like any other call.
 */
@OneInstance
public class Dispatch {

    @Inject
    Router router;

    @Inject
    Settlement settlement;

    @Inject
    Caching caching;

    public CompletableFuture<Reply> send(Call call, Exchange exchange) {
        if (exchange instanceof Exchange.Stream stream) {
            return stream(call, stream);
        }
        Exchange.Answer answer = (Exchange.Answer) exchange;
        Router.Placed<Served.FromEndpoint> placed = router.failover(call.model(), call.placement(), answer.send(),
                Served.FromEndpoint::failure, Served.FromEndpoint::attempts);
        return placed.routed()
                .thenCompose(routed -> {
                    call.routed();
                    if (routed.noEndpoint()) {
                        return settlement.answered(call, noEndpoint(call, placed.narrowed()), Usage.NONE, routed);
                    }
                    Served.FromEndpoint result = routed.outcome();
                    call.answered();
                    if (result.served() != null) {
                        return settlement.answered(call, result.served().reply(), result.served().usage(), routed);
                    }
                    return settlement.answered(call, UpstreamErrors.reply(result.failure().orElseThrow(), call.model(),
                            call.requestId()), Usage.NONE, routed);
                });
    }

    private CompletableFuture<Reply> stream(Call call, Exchange.Stream stream) {
        Router.Placed<StreamOutcome> placed = router.failover(call.model(), call.placement(), stream.open(),
                outcome -> outcome instanceof StreamOutcome.Failed f ? Optional.of(f.failure()) : Optional.empty(),
                StreamOutcome::attempts);
        return placed.routed().thenCompose(routed -> {
            call.routed();
            if (routed.noEndpoint()) {
                return settlement.answered(call, noEndpoint(call, placed.narrowed()), Usage.NONE, routed);
            }
            if (routed.outcome() instanceof StreamOutcome.Opened opened) {
                call.streaming();
                stream.relay().opened(opened.cancel(), result -> {
                    var settled = settlement.streamed(call, result, routed); // metered first: a kept answer knows its cost
                    caching.keepStreamed(call, result.completion());
                    return settled;
                });
                Reply streaming = Reply.streaming(stream.relay());
                // no byte of the stream before the admission entry is committed; without it, nothing at all
                return call.admission().orElse(CompletableFuture.completedFuture(null)).handle((ok, error) -> error)
                        .thenCompose(error -> {
                            if (error == null) {
                                return CompletableFuture.completedFuture(streaming);
                            }
                            opened.cancel().run();
                            return settlement.answered(call, streaming, Usage.NONE, routed); // 503 audit_unavailable
                        });
            }
            call.answered();
            StreamOutcome.Failed failed = (StreamOutcome.Failed) routed.outcome();
            return settlement.answered(call, UpstreamErrors.reply(failed.failure(), call.model(), call.requestId()),
                    Usage.NONE, routed);
        });
    }

    /**
     * No endpoint served: when the tenant's policy took endpoints away, the call is refused for
     * residency (never sent elsewhere); otherwise every endpoint is down.
     */
    static Reply noEndpoint(Call call, boolean narrowed) {
        if (narrowed) {
            return Reply.error(ErrorCode.RESIDENCY_UNAVAILABLE, "no endpoint of model '" + call.model() + "' that the tenant's "
                    + "residency and placement allow is available; the call was not sent elsewhere", "model", call.requestId());
        }
        return noEndpoint(call);
    }

    static Reply noEndpoint(Call call) {
        return Reply.error(ErrorCode.NO_ENDPOINT_AVAILABLE, "every endpoint of model '" + call.model()
                + "' is unavailable (circuit open, or its address is refused); retry later", "model", call.requestId());
    }
}
