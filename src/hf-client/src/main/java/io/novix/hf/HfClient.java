package io.novix.hf;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Talks to a Hugging Face upstream over HTTP without blocking a thread per call (whole answers over
 * {@link AsyncPosts}, streams over the JDK HttpClient), or on a caller's thread that waits anyway
 * ({@link BlockingPosts}): the router's
 * OpenAI-compatible {@code POST /v1/chat/completions}, the task API, TGI and TEI routes. Retries 429, 5xx, model loading and
 * connect failures with backoff, honouring {@code Retry-After} and {@code estimated_time}.
 */
public final class HfClient {

    /** The largest answer read into memory (an image is a few MiB; JSON far less). */
    static final long MAX_ANSWER_BYTES = 64L * 1024 * 1024;
    /** The largest error body read from a stream that did not open. */
    static final long MAX_ERROR_BYTES = 64L * 1024;


    private final HttpClient http;
    private final HfClientConfig config;
    private final Backoff backoff;
    private final URI chatUri;
    private final URI completionsUri;
    private final String scaleUpTimeout;
    /** TGI and TEI report metering in headers; only these are kept from an answer. */
    private static final List<String> METERED_HEADERS = List.of("x-prompt-tokens", "x-generated-tokens",
            "x-compute-tokens", "x-compute-time", "x-compute-characters");
    /** What the blocking transport keeps of an answer's headers: the metered ones, its type, a retry hint. */
    private static final List<String> KEPT_HEADERS = java.util.stream.Stream.concat(METERED_HEADERS.stream(),
            java.util.stream.Stream.of("content-type", "retry-after")).toList();
    /** Where callers' continuations run: never on the HTTP client's own threads, which must keep reading. */
    private final Executor callbacks;
    /** Whole chat answers for a caller that waits on its thread anyway (null: always asynchronous). */
    private final BlockingPosts blocking;
    /** Whole answers for everyone else; shared by the clients of every endpoint, closed by its owner. */
    private final AsyncPosts async;

    public HfClient(HfClientConfig config, Executor executor, AsyncPosts async) {
        this(config, executor, async, null);
    }

    public HfClient(HfClientConfig config, Executor executor, AsyncPosts async, BlockingPosts blocking) {
        this.config = config;
        this.async = java.util.Objects.requireNonNull(async, "async");
        this.blocking = blocking;
        this.backoff = new Backoff(config.backoffBase(), config.backoffMax(), config.maxLoadingWait());
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout());
        if (executor != null) {
            builder.executor(executor);
        }
        this.http = builder.build();
        this.callbacks = executor != null ? executor : java.util.concurrent.ForkJoinPool.commonPool();
        this.chatUri = Endpoints.chatCompletions(config.baseUrl());
        this.completionsUri = Endpoints.completions(config.baseUrl());
        this.scaleUpTimeout = String.valueOf(Math.max(1, config.maxLoadingWait().toSeconds()));
    }

    public HfClientConfig config() {
        return config;
    }

    /** Sends an OpenAI-format chat body; never completes exceptionally. */
    public CompletableFuture<ChatOutcome> chatCompletion(byte[] body) {
        return whole(chatUri, body).thenApply(HfClient::asChat);
    }

    /** Sends an OpenAI-format legacy completion body ({@code /v1/completions}); never completes exceptionally. */
    public CompletableFuture<ChatOutcome> completion(byte[] body) {
        return whole(completionsUri, body).thenApply(HfClient::asChat);
    }

    /**
     * A JSON POST read whole, retried like {@link #post}. An attempt runs on this thread when
     * the thread's caller waits anyway ({@link CallerWaits}); a retry, which runs after a backoff on
     * another thread, does not.
     */
    private CompletableFuture<TaskOutcome> whole(URI target, byte[] body) {
        return retrying(() -> blocking != null && CallerWaits.here()
                        ? CompletableFuture.completedFuture(sendHere(target, body)) : send(target, "application/json", body),
                TaskOutcome::problem, HfClient::withAttempts, 1, Duration.ZERO);
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
        AtomicReference<byte[]> errorBody = new AtomicReference<>(new byte[0]);
        HttpResponse.BodyHandler<Void> handler = info -> {
            if (info.statusCode() == 200) {
                // a caller may block on this stream's events: hand over on another thread
                callbacks.execute(() -> opened.complete(new StreamOutcome.Opened(1, parser::cancel)));
                return HttpResponse.BodySubscribers.fromLineSubscriber(parser, p -> null, StandardCharsets.UTF_8, null);
            }
            return HttpResponse.BodySubscribers.mapping(BoundedBody.subscriber(MAX_ERROR_BYTES), bytes -> {
                errorBody.set(bytes);
                return null;
            });
        };
        http.sendAsync(request(target, "application/json", body, "text/event-stream"), handler).whenComplete((response, error) -> {
            if (error != null) {
                opened.complete(new StreamOutcome.Failed(transportFailure(error), 1));
            } else if (response.statusCode() != 200) {
                opened.complete(new StreamOutcome.Failed(ErrorBodies.classify(response.statusCode(), errorBody.get(),
                        response.headers().firstValue("Retry-After")), 1));
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

    private TaskOutcome sendHere(URI target, byte[] body) {
        try {
            Answer answer = blocking.post(target, headers("application/json", "*/*"), body, MAX_ANSWER_BYTES, KEPT_HEADERS);
            return interpret(answer.status(), answer.body(), answer::header);
        } catch (IOException | RuntimeException e) {
            return new TaskOutcome.Failed(transportFailure(e), 1);
        }
    }

    /** The answer leaves the reactor's thread at once: the caller's continuations run on {@code callbacks}. */
    private CompletableFuture<TaskOutcome> send(URI target, String contentType, byte[] body) {
        return async.post(target, headers(contentType, "*/*"), body, MAX_ANSWER_BYTES, KEPT_HEADERS)
                .handleAsync((answer, error) -> error != null
                        ? new TaskOutcome.Failed(transportFailure(error), 1)
                        : interpret(answer.status(), answer.body(), answer::header), callbacks);
    }

    /** The timeout bounds the wait for the response headers; streamed chunks are timed by the reader. */
    private HttpRequest request(URI target, String contentType, byte[] body, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(config.readTimeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers(contentType, accept).forEach(request::header);
        return request.build();
    }

    /** The headers of every upstream request, whichever transport carries it. */
    private Map<String, String> headers(String contentType, String accept) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Accept", accept);
        config.apiKey().ifPresent(key -> headers.put("Authorization", "Bearer " + key));
        // a scaled-to-zero Inference Endpoint holds the call while it wakes instead of failing it
        headers.put("X-Scale-Up-Timeout", scaleUpTimeout);
        // the enterprise client of the product notes marks every call; Hugging Face ignores what it does not use
        headers.put("X-Enterprise", "true");
        return headers;
    }

    private static TaskOutcome interpret(int status, byte[] body, Function<String, Optional<String>> header) {
        if (status / 100 != 2) {
            return new TaskOutcome.Failed(ErrorBodies.classify(status, body, header.apply("Retry-After")), 1);
        }
        Map<String, String> headers = new HashMap<>();
        for (String name : METERED_HEADERS) {
            header.apply(name).ifPresent(v -> headers.put(name, v));
        }
        String type = header.apply("Content-Type").orElse("application/octet-stream");
        return new TaskOutcome.Answered(body, type, Map.copyOf(headers), 1);
    }

    /** A 2xx chat answer must be a JSON completion with choices. */
    private static ChatOutcome asChat(TaskOutcome outcome) {
        if (outcome instanceof TaskOutcome.Failed f) {
            return new ChatOutcome.Failed(f.failure(), f.attempts());
        }
        TaskOutcome.Answered answer = (TaskOutcome.Answered) outcome;
        try {
            Optional<Usage> usage = Usage.ofCompletion(answer.body());
            if (usage.isEmpty()) {
                return new ChatOutcome.Failed(HfFailure.of(HfFailure.Kind.MALFORMED_RESPONSE, 200,
                        "upstream completion has no choices"), answer.attempts());
            }
            return new ChatOutcome.Completed(answer.body(), usage.get(), answer.attempts());
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
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException
                || cause instanceof org.apache.hc.client5.http.ConnectTimeoutException // BlockingPosts, AsyncPosts
                || (cause instanceof IOException && cause.getCause() instanceof ConnectException)) {
            failure = HfFailure.of(HfFailure.Kind.UNREACHABLE, 0, "upstream unreachable");
        } else if (cause instanceof HttpTimeoutException || cause instanceof java.net.SocketTimeoutException) {
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
