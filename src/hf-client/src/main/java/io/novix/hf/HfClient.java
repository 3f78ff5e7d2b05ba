package io.novix.hf;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;

import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.Scheduler;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Talks to a Hugging Face upstream over HTTP without blocking a thread per call: the router's
 * OpenAI-compatible {@code POST /v1/chat/completions}, the task API, TGI and TEI routes. Retries 429, 5xx, model loading and
 * connect failures with backoff, honouring {@code Retry-After} and {@code estimated_time}.
 */
public final class HfClient {

    /** The largest answer read into memory (an image is a few MiB; JSON far less). */
    static final long MAX_ANSWER_BYTES = 64L * 1024 * 1024;
    /** The largest error body read from a stream that did not open. */
    static final long MAX_ERROR_BYTES = 64L * 1024;


    private final HttpTransport transport;
    /** A client that made its own transport closes it. */
    private final boolean ownTransport;
    private final HfClientConfig config;
    private final Backoff backoff;
    private final URI chatUri;
    private final URI completionsUri;
    private final String scaleUpTimeout;
    /** TGI and TEI report metering in headers; only these are kept from an answer. */
    private static final List<String> METERED_HEADERS = List.of("x-prompt-tokens", "x-generated-tokens",
            "x-compute-tokens", "x-compute-time", "x-compute-characters");
    /** Where callers' continuations run: never on the HTTP client's own threads, which must keep reading. */
    private final Executor callbacks;

    /** A client with its own transport (tests, tools): {@link #close} it. */
    public HfClient(HfClientConfig config, Executor executor) {
        this(config, new HttpTransport(config.connectTimeout(), 8, null), true, executor);
    }

    /** A client on a shared transport; {@code executor} runs the continuations that must not hold a reader. */
    public HfClient(HfClientConfig config, HttpTransport transport, Executor executor) {
        this(config, transport, false, executor);
    }

    private HfClient(HfClientConfig config, HttpTransport transport, boolean ownTransport, Executor executor) {
        this.config = config;
        this.backoff = new Backoff(config.backoffBase(), config.backoffMax(), config.maxLoadingWait());
        this.transport = transport;
        this.ownTransport = ownTransport;
        this.callbacks = executor != null ? executor : java.util.concurrent.ForkJoinPool.commonPool();
        this.chatUri = Endpoints.chatCompletions(config.baseUrl());
        this.completionsUri = Endpoints.completions(config.baseUrl());
        this.scaleUpTimeout = String.valueOf(Math.max(1, config.maxLoadingWait().toSeconds()));
    }

    /** Releases the transport if this client made it; a shared one stays with its owner. */
    public void close() {
        if (ownTransport) {
            transport.close();
        }
    }

    public HfClientConfig config() {
        return config;
    }

    /** Sends an OpenAI-format chat body; never completes exceptionally. */
    public CompletableFuture<ChatOutcome> chatCompletion(byte[] body) {
        return post(chatUri, "application/json", body).thenApply(HfClient::asChat);
    }

    /** Sends an OpenAI-format legacy completion body ({@code /v1/completions}); never completes exceptionally. */
    public CompletableFuture<ChatOutcome> completion(byte[] body) {
        return post(completionsUri, "application/json", body).thenApply(HfClient::asChat);
    }

    /** Opens a streamed legacy completion, with the rules of {@link #chatCompletionStream}. */
    public CompletableFuture<StreamOutcome> completionStream(byte[] body, SseListener listener) {
        return stream(completionsUri, body, listener);
    }

    /**
     * POSTs a task body ({@code application/json}, or raw audio / image bytes) to {@code target},
     * retrying like the chat call. Never completes exceptionally.
     */
    public CompletableFuture<TaskOutcome> post(URI target, String contentType, byte[] body) {
        return retrying(() -> send(target, contentType, body), TaskOutcome::problem, HfClient::withAttempts, 1, Duration.ZERO);
    }

    /**
     * Opens a streaming chat completion. Failures before the upstream's 200 are retried like
     * {@link #chatCompletion}; once it answers 200, events go to {@code listener} and nothing is
     * retried. Never completes exceptionally.
     */
    public CompletableFuture<StreamOutcome> chatCompletionStream(byte[] body, SseListener listener) {
        return stream(chatUri, body, listener);
    }

    /** Opens any SSE answer (router chat, TGI {@code /generate_stream}) with the rules of {@link #chatCompletionStream}. */
    public CompletableFuture<StreamOutcome> stream(URI target, byte[] body, SseListener listener) {
        return retrying(() -> open(target, body, listener),
                o -> o instanceof StreamOutcome.Failed f ? Optional.of(f.failure()) : Optional.empty(),
                (o, attempts) -> o instanceof StreamOutcome.Opened op ? new StreamOutcome.Opened(attempts, op.cancel())
                        : new StreamOutcome.Failed(((StreamOutcome.Failed) o).failure(), attempts), 1, Duration.ZERO);
    }

    /** One attempt, then backoff and another while the failure is retryable and the budget allows. */
    private <T> CompletableFuture<T> retrying(Supplier<CompletableFuture<T>> once, Function<T, Optional<HfFailure>> failureOf,
                                              BiFunction<T, Integer, T> withAttempts, int attempt, Duration waitedForLoading) {
        return once.get().thenCompose(outcome -> {
            Optional<HfFailure> failure = failureOf.apply(outcome);
            if (failure.isPresent() && shouldRetry(failure.get(), attempt, waitedForLoading)) {
                Duration delay = backoff.before(attempt, failure.get());
                Duration waited = failure.get().kind() == HfFailure.Kind.MODEL_LOADING
                        ? waitedForLoading.plus(delay) : waitedForLoading;
                Executor later = CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, callbacks);
                return CompletableFuture.supplyAsync(() -> null, later)
                        .thenCompose(ignored -> retrying(once, failureOf, withAttempts, attempt + 1, waited));
            }
            return CompletableFuture.completedFuture(withAttempts.apply(outcome, attempt));
        });
    }

    private CompletableFuture<StreamOutcome> open(URI target, byte[] body, SseListener listener) {
        CompletableFuture<StreamOutcome> opened = new CompletableFuture<>();
        SseParser parser = new SseParser(listener);
        Request request = request(target, "application/json", body, "text/event-stream");
        parser.onCancel(() -> request.abort(new CancellationException("stream cancelled")));
        // the timeout bounds the wait for the answer's head; a stream's chunks are timed by its reader
        Scheduler.Task headTimeout = transport.jetty().getScheduler().schedule(() -> request.abort(
                new TimeoutException("no answer in " + config.readTimeout())), config.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        request.send(new Response.Listener() {
            private BoundedBody error;

            @Override
            public void onHeaders(Response response) {
                headTimeout.cancel();
                if (response.getStatus() == 200) {
                    // a caller may block on this stream's events: hand over on another thread
                    callbacks.execute(() -> opened.complete(new StreamOutcome.Opened(1, parser::cancel)));
                } else {
                    error = new BoundedBody(MAX_ERROR_BYTES);
                }
            }

            @Override
            public void onContent(Response response, ByteBuffer content) {
                if (error != null) {
                    error.onContent(response, content);
                } else {
                    parser.bytes(content);
                }
            }

            @Override
            public void onComplete(Result result) {
                headTimeout.cancel();
                Response response = result.getResponse();
                if (response != null && response.getStatus() == 200 && error == null) {
                    if (result.isFailed()) {
                        parser.broken(result.getFailure());
                    } else {
                        parser.end();
                    }
                } else if (result.isFailed()) {
                    callbacks.execute(() -> opened.complete(new StreamOutcome.Failed(transportFailure(result.getFailure()), 1)));
                } else {
                    error.onComplete(result);
                    byte[] bytes = error.result().join().body();
                    HttpFields headers = response.getHeaders();
                    callbacks.execute(() -> opened.complete(new StreamOutcome.Failed(ErrorBodies.classify(response.getStatus(),
                            bytes, Optional.ofNullable(headers.get("Retry-After"))), 1)));
                }
            }
        });
        return opened;
    }

    private boolean shouldRetry(HfFailure failure, int attempt, Duration waitedForLoading) {
        if (!failure.kind().retryable() || attempt > config.maxRetries()) {
            return false;
        }
        return failure.kind() != HfFailure.Kind.MODEL_LOADING
                || waitedForLoading.compareTo(config.maxLoadingWait()) < 0;
    }

    private CompletableFuture<TaskOutcome> send(URI target, String contentType, byte[] body) {
        BoundedBody answer = new BoundedBody(MAX_ANSWER_BYTES);
        request(target, contentType, body, "*/*").timeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS).send(answer);
        CompletableFuture<TaskOutcome> outcome = new CompletableFuture<>();
        // the thread that read the answer goes on with the caller's continuation (one wake-up per call);
        // a failure may come from a timer's thread, so it is handed over
        answer.result().whenComplete((received, error) -> {
            if (error == null) {
                outcome.complete(interpret(received));
            } else {
                callbacks.execute(() -> outcome.complete(new TaskOutcome.Failed(transportFailure(error), 1)));
            }
        });
        return outcome;
    }

    private Request request(URI target, String contentType, byte[] body, String accept) {
        return transport.jetty().newRequest(target)
                .method(HttpMethod.POST)
                .body(new BytesRequestContent(contentType, body))
                .headers(headers -> {
                    headers.put("Accept", accept);
                    config.apiKey().ifPresent(key -> headers.put("Authorization", "Bearer " + key));
                    // a scaled-to-zero Inference Endpoint holds the call while it wakes instead of failing it
                    headers.put("X-Scale-Up-Timeout", scaleUpTimeout);
                    // the enterprise client of the product notes marks every call; Hugging Face ignores what it does not use
                    headers.put("X-Enterprise", "true");
                });
    }

    private static TaskOutcome interpret(BoundedBody.Received response) {
        int status = response.status();
        if (status / 100 != 2) {
            return new TaskOutcome.Failed(ErrorBodies.classify(status, response.body(),
                    Optional.ofNullable(response.headers().get("Retry-After"))), 1);
        }
        Map<String, String> headers = new HashMap<>();
        for (String name : METERED_HEADERS) {
            String value = response.headers().get(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        String type = Optional.ofNullable(response.headers().get("Content-Type")).orElse("application/octet-stream");
        return new TaskOutcome.Answered(response.body(), type, Map.copyOf(headers), 1);
    }

    /** A 2xx chat answer must be a JSON completion with choices. */
    private static ChatOutcome asChat(TaskOutcome outcome) {
        if (outcome instanceof TaskOutcome.Failed f) {
            return new ChatOutcome.Failed(f.failure(), f.attempts());
        }
        TaskOutcome.Answered answer = (TaskOutcome.Answered) outcome;
        try {
            JsonObject json = JsonBytes.object(answer.body());
            if (!json.containsKey("choices")) {
                return new ChatOutcome.Failed(HfFailure.of(HfFailure.Kind.MALFORMED_RESPONSE, 200,
                        "upstream completion has no choices"), answer.attempts());
            }
            return new ChatOutcome.Completed(answer.body(), Usage.of(json), answer.attempts());
        } catch (RuntimeException e) { // bad, too deeply nested or wrongly typed JSON from the upstream
            return new ChatOutcome.Failed(HfFailure.of(HfFailure.Kind.MALFORMED_RESPONSE, 200,
                    "upstream answered malformed JSON"), answer.attempts());
        }
    }

    private static HfFailure transportFailure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        HfFailure failure;
        if (cause instanceof BoundedBody.TooLarge || cause.getCause() instanceof BoundedBody.TooLarge) {
            return HfFailure.of(HfFailure.Kind.MALFORMED_RESPONSE, 200, "the upstream answer exceeded the size bound");
        }
        if (cause instanceof ConnectException || cause instanceof SocketTimeoutException // connect refused or timed out
                || cause.getCause() instanceof ConnectException) {
            failure = HfFailure.of(HfFailure.Kind.UNREACHABLE, 0, "upstream unreachable");
        } else if (cause instanceof TimeoutException) {
            failure = HfFailure.of(HfFailure.Kind.TIMEOUT, 0, "upstream did not answer in time");
        } else {
            failure = HfFailure.of(HfFailure.Kind.UNREACHABLE, 0, "upstream connection failed");
        }
        return failure;
    }

    private static TaskOutcome withAttempts(TaskOutcome outcome, int attempts) {
        if (outcome instanceof TaskOutcome.Answered a) {
            return new TaskOutcome.Answered(a.body(), a.contentType(), a.headers(), attempts);
        }
        return new TaskOutcome.Failed(((TaskOutcome.Failed) outcome).failure(), attempts);
    }
}
