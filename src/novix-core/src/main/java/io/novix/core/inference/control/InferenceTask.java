package io.novix.core.inference.control;

import io.novix.core.privacy.entity.Redactor;
import io.novix.core.identity.entity.Scope;
import io.novix.core.inference.entity.Call;
import io.novix.core.inference.entity.Inbound;
import io.novix.core.routing.entity.Task;

/**
 * One inference task as the pipeline runs it: how its request is read, which task (and so scope)
 * it is, which model it names, and how it talks to an endpoint. Everything else (authentication,
 * admission, failover, metering, audit, the answer) is the pipeline's.
 */
public interface InferenceTask<R> {

    /** The audit row's action, e.g. {@code inference.chat}. */
    String action();

    /** Reads and validates the request; refuses with an {@code InvalidRequest}. */
    R parse(Inbound in);

    /** The task of {@code request}; {@code request} is null when it could not be read. */
    Task task(R request);

    String model(R request);

    /** What to do with an endpoint once the call is admitted. */
    Exchange exchange(Call call, R request);

    /** The scope a caller needs; a request too broken to tell its task needs {@code inference:chat}. */
    default Scope scope(R request) {
        Task task = task(request);
        return task == null ? Scope.INFERENCE_CHAT : task.scope();
    }

    /**
     * The most the call can use, known before it runs, for the tenant's limits and budget: an upper
     * bound of its prompt tokens (a token is at least one byte of the body), the most output tokens
     * it may produce, and how many images it asks for.
     */
    default Demand demand(R request, Inbound in) {
        return new Demand(in.body() == null ? 0 : in.body().length, 0, 0);
    }

    /** What {@link #demand} bounds; {@code audioSeconds}: the uploaded audio's length (priced per second). */
    record Demand(long inputTokens, long outputTokens, int images, double audioSeconds) {
        public Demand(long inputTokens, long outputTokens, int images) {
            this(inputTokens, outputTokens, images, 0);
        }
    }

    /**
     * The prompt a model route scores (docs/cost-levers.md), or null when this task cannot be routed:
     * then a route's name is passed on as a model id.
     */
    default String routablePrompt(R request) {
        return null;
    }

    /** The request for the model a route chose, with the route's max_tokens and, where the caller set none, temperature. */
    default R routed(R request, io.novix.core.modelroute.entity.ModelRoute.Decision decision) {
        return request;
    }

    /** Whether this task's answers go through the response cache at all (docs/cost-levers.md#response-cache). */
    default boolean cached() {
        return false;
    }

    /** The request in the normal form the response cache keys on, for a task whose answers are {@link #cached()}. */
    default byte[] cacheForm(R request) {
        throw new UnsupportedOperationException("this task's answers are not cached");
    }

    /** Whether the same request always gets the same answer (temperature 0, or a seed). */
    default boolean deterministic(R request) {
        return false;
    }

    /** A cached whole answer as this request wants it: as it is, or replayed as the event stream it asked for. */
    default io.novix.core.kernel.Reply fromCache(R request, byte[] cachedBody) {
        return io.novix.core.kernel.Reply.ok(cachedBody);
    }

    /** The request with personal data removed, for tenants whose policy requires it; a task that cannot leaves it. */
    default R redacted(R request, Redactor redactor) {
        return request;
    }
}
