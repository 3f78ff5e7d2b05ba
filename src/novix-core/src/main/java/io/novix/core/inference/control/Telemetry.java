package io.novix.core.inference.control;

import io.novix.core.identity.entity.Caller;
import io.novix.core.inference.entity.Call;
import io.novix.hf.Usage;
import io.novix.core.kernel.OneInstance;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * The tracing stage (docs/operations.md#traces): each inference call's span begins on the request
 * thread and ends at settlement ({@link OtelSpans}). Where the OpenTelemetry API is not there
 * (a server without mpTelemetry), calls are simply not traced.
 */
@OneInstance
public class Telemetry {

    @Inject
    Instance<OtelSpans> spans;

    /** Resolved once (one instance, {@link OneInstance}): an {@code Instance} lookup on every call cost about 1 % of the CPU. */
    private volatile Optional<OtelSpans> resolved;

    public void begin(Call call) {
        spans().ifPresent(s -> s.begin(call));
    }

    public void end(Call call, Caller caller, int status, Usage usage) {
        Call.Trace trace = call.trace();
        if (trace != null) {
            spans().ifPresent(s -> s.end(trace, call, caller, status, usage));
        }
    }

    private Optional<OtelSpans> spans() {
        Optional<OtelSpans> known = resolved;
        if (known == null) {
            known = spans != null && spans.isResolvable() ? Optional.of(spans.get()) : Optional.empty();
            resolved = known;
        }
        return known;
    }
}
