package io.novix.core.inference.control;

import io.novix.core.identity.entity.Caller;
import io.novix.core.inference.entity.Call;
import io.novix.hf.Usage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.novix.core.kernel.OneInstance;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.Locale;

/**
 * The OpenTelemetry side of {@link Telemetry}: the only class that touches the OpenTelemetry API, so a
 * deployment without it (no mpTelemetry) still starts, untraced. Traces of inference calls
 * (docs/operations.md#traces), exported over OTLP when
 * configured ({@code OTEL_SDK_DISABLED=false}, {@code OTEL_EXPORTER_OTLP_ENDPOINT}; Liberty's mpTelemetry).
 * Each call is a CLIENT span {@code "<operation> <model>"} inside the request's server span, with the
 * GenAI semantic conventions (semconv 1.37.0: {@code gen_ai.operation.name}, {@code gen_ai.provider.name},
 * {@code gen_ai.request.model}, {@code gen_ai.response.model}, {@code gen_ai.usage.input_tokens},
 * {@code gen_ai.usage.output_tokens}) and Novix's own ({@code novix.tenant}, {@code novix.route},
 * {@code novix.cache}, {@code novix.cost_usd}, {@code novix.request_id}). Never a prompt, an answer or a key.
 */
@OneInstance
public class OtelSpans {

    static final String SEMCONV = "1.37.0";

    @Inject
    Instance<Tracer> tracers;

    private volatile Tracer tracer;

    /** The call's span, begun on the request thread (so it is the server span's child). */
    public void begin(Call call) {
        Tracer t = tracer();
        if (t == null) {
            return;
        }
        String operation = operation(call.action());
        Span span = t.spanBuilder(operation + (call.model() == null ? "" : " " + call.model())).setSpanKind(SpanKind.CLIENT)
                .setAttribute("gen_ai.operation.name", operation)
                .setAttribute("gen_ai.provider.name", "huggingface")
                .setAttribute("novix.request_id", call.requestId())
                .startSpan();
        if (call.model() != null) {
            span.setAttribute("gen_ai.request.model", call.model());
        }
        java.util.function.BiConsumer<String, String> text = span::setAttribute;
        java.util.function.ObjLongConsumer<String> number = span::setAttribute;
        call.traced(new Call.Trace(span::end, text, number));
    }

    /** The call's outcome on its span, which ends. */
    public void end(Call.Trace trace, Call call, Caller caller, int status, Usage usage) {
        if (call.model() != null) {
            trace.text().accept("gen_ai.request.model", call.model());
            trace.text().accept("gen_ai.response.model", call.model());
        }
        trace.number().accept("gen_ai.usage.input_tokens", usage.promptTokens());
        trace.number().accept("gen_ai.usage.output_tokens", usage.completionTokens());
        trace.number().accept("http.response.status_code", status);
        if (caller != null && caller.tenantSlug() != null) {
            trace.text().accept("novix.tenant", caller.tenantSlug());
        }
        call.routeHeaders().values().forEach(route -> trace.text().accept("novix.route", route));
        if (call.cacheUse() != null) {
            trace.text().accept("novix.cache", call.cacheUse().header());
        }
        if (call.cost() != null) {
            trace.text().accept("novix.cost_usd", call.cost().toPlainString());
        }
        if (status >= 500) {
            trace.text().accept("error.type", String.valueOf(status));
        }
        trace.end().run();
    }

    private Tracer tracer() {
        Tracer t = tracer;
        if (t == null && tracers != null && tracers.isResolvable()) {
            t = tracers.get();
            tracer = t;
        }
        return t;
    }

    /** GenAI operation names: chat, text_completion, embeddings, generate_content (images, audio), else the action. */
    static String operation(String action) {
        return switch (action) {
            case "inference.chat" -> "chat";
            case "inference.completions" -> "text_completion";
            case "inference.embeddings" -> "embeddings";
            default -> action.startsWith("inference.") ? action.substring(10).toLowerCase(Locale.ROOT) : action;
        };
    }
}
