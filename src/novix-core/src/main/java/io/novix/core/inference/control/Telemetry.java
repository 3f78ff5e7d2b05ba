package io.novix.core.inference.control;

import io.novix.core.identity.entity.Caller;
import io.novix.core.inference.entity.Call;
import io.novix.hf.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * The tracing stage (docs/operations.md#traces): each inference call's span begins on the request
 * thread and ends at settlement ({@link OtelSpans}). Where the OpenTelemetry API is not there
 * (a server without mpTelemetry), calls are simply not traced.
 */
@ApplicationScoped
public class Telemetry {

    @Inject
    Instance<OtelSpans> spans;

    public void begin(Call call) {
        if (spans != null && spans.isResolvable()) {
            spans.get().begin(call);
        }
    }

    public void end(Call call, Caller caller, int status, Usage usage) {
        Call.Trace trace = call.trace();
        if (trace != null && spans != null && spans.isResolvable()) {
            spans.get().end(trace, call, caller, status, usage);
        }
    }
}
