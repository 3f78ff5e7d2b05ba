package io.novix.core.inference.control;

import io.novix.core.routing.entity.Route;
import io.novix.core.routing.entity.Task;
import io.novix.hf.HfFailure;
import io.novix.hf.TaskAnswers;
import io.novix.hf.TaskOutcome;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.novix.hf.JsonBytes.JSON;

/**
 * Request batching for embeddings (docs/cost-levers.md#request-batching): single-input calls for the
 * same model and endpoint that arrive while one is already upstream wait at most
 * {@code NOVIX_BATCH_WINDOW} (or until {@code NOVIX_BATCH_MAX} inputs) and go as one TEI {@code /embed}
 * call; each caller gets its own vector back (and is billed and audited for its own input by the
 * pipeline). A lone call is sent at once: batching never delays an idle gateway.
 */
@OneInstance
public class EmbeddingBatcher {

    @Inject
    Upstream upstream;

    @Inject
    RequestMetrics metrics;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "NOVIX_BATCH_WINDOW", defaultValue = "PT0.005S")
    Duration window;

    @Inject
    @ConfigProperty(name = "NOVIX_BATCH_MAX", defaultValue = "32")
    int maxInputs;

    /** One caller's share of a batch: its vector, or the batch's failure. */
    public record Part(float[] vector, Optional<HfFailure> failure, int attempts, int batchSize) {
    }

    private record Key(String target, String model) {
    }

    private static final class Batch {
        final List<String> inputs = new ArrayList<>();
        final List<CompletableFuture<Part>> waiting = new ArrayList<>();
    }

    private final Map<Key, Batch> pending = new HashMap<>();
    private final Map<Key, Integer> inFlight = new HashMap<>();

    @PostConstruct
    void check() {
        if (maxInputs < 1 || window.isNegative()) {
            throw new IllegalStateException("NOVIX_BATCH_MAX must be at least 1 and NOVIX_BATCH_WINDOW not negative");
        }
    }

    /** Whether batching is on ({@code NOVIX_BATCH_MAX} above 1). */
    public boolean enabled() {
        return maxInputs > 1;
    }

    public CompletableFuture<Part> embed(Route route, String model, String input) {
        Key key = new Key(route.target().toString(), model);
        CompletableFuture<Part> mine = new CompletableFuture<>();
        Batch full = null;
        boolean schedule = false;
        synchronized (this) {
            if (inFlight.getOrDefault(key, 0) == 0 && !pending.containsKey(key)) {
                Batch alone = new Batch();
                alone.inputs.add(input);
                alone.waiting.add(mine);
                full = alone; // nothing upstream for this key: no one to wait for
            } else {
                Batch b = pending.computeIfAbsent(key, k -> new Batch());
                schedule = b.inputs.isEmpty();
                b.inputs.add(input);
                b.waiting.add(mine);
                if (b.inputs.size() >= maxInputs) {
                    pending.remove(key);
                    full = b;
                    schedule = false;
                }
            }
            if (full != null) {
                inFlight.merge(key, 1, Integer::sum);
            }
        }
        if (full != null) {
            send(route, model, key, full);
        } else if (schedule) {
            scheduler.schedule(() -> flush(route, model, key), Math.max(1, window.toNanos()), TimeUnit.NANOSECONDS);
        }
        return mine;
    }

    private void flush(Route route, String model, Key key) {
        Batch b;
        synchronized (this) {
            b = pending.remove(key);
            if (b == null) {
                return; // already sent when it filled up
            }
            inFlight.merge(key, 1, Integer::sum);
        }
        send(route, model, key, b);
    }

    private void send(Route route, String model, Key key, Batch b) {
        metrics.batch(b.inputs.size());
        JsonArrayBuilder list = JSON.createArrayBuilder();
        b.inputs.forEach(list::add);
        byte[] body = JSON.createObjectBuilder().add("inputs", list).add("normalize", true).add("truncate", false).build()
                .toString().getBytes(StandardCharsets.UTF_8);
        upstream.task(route, model, Task.FEATURE_EXTRACTION, "application/json", body).whenComplete((outcome, error) -> {
            synchronized (this) {
                inFlight.merge(key, -1, Integer::sum);
            }
            split(b, outcome, error);
        });
    }

    private static void split(Batch b, TaskOutcome outcome, Throwable error) {
        if (error != null) {
            b.waiting.forEach(w -> w.completeExceptionally(error));
            return;
        }
        if (outcome instanceof TaskOutcome.Failed f) {
            b.waiting.forEach(w -> w.complete(new Part(null, Optional.of(f.failure()), f.attempts(), b.inputs.size())));
            return;
        }
        TaskOutcome.Answered a = (TaskOutcome.Answered) outcome;
        Optional<List<float[]>> vectors = TaskAnswers.embeddings(a.body()).filter(v -> v.size() == b.inputs.size());
        for (int i = 0; i < b.waiting.size(); i++) {
            b.waiting.get(i).complete(vectors.isPresent() ? new Part(vectors.get().get(i), Optional.empty(), a.attempts(), b.inputs.size())
                    : new Part(null, Optional.of(HfFailure.of(HfFailure.Kind.MALFORMED_RESPONSE, 200,
                    "the upstream answered a batch of " + b.inputs.size() + " inputs with another number of vectors")), a.attempts(),
                    b.inputs.size()));
        }
    }
}
