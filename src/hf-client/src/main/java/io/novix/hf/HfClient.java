package io.novix.hf;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Talks to a Hugging Face upstream over HTTP without blocking a thread per call: the router's
 * OpenAI-compatible {@code POST /v1/chat/completions}. Retries 429, 5xx, model loading and
 * connect failures with backoff, honouring {@code Retry-After} and {@code estimated_time}.
 */
public final class HfClient {

    private final HttpClient http;
    private final HfClientConfig config;
    private final Backoff backoff;
    private final URI chatUri;
    /** Where callers' continuations run: never on the HTTP client's own threads, which must keep reading. */
    private final Executor callbacks;

    public HfClient(HfClientConfig config, Executor executor) {
        this.config = config;
        this.backoff = new Backoff(config.backoffBase(), config.backoffMax());
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout());
        if (executor != null) {
            builder.executor(executor);
        }
        this.http = builder.build();
        this.callbacks = executor != null ? executor : java.util.concurrent.ForkJoinPool.commonPool();
        this.chatUri = Endpoints.chatCompletions(config.baseUrl());
    }

    public HfClientConfig config() {
        return config;
    }

    /** Sends an OpenAI-format chat body; never completes exceptionally. */
    public CompletableFuture<ChatOutcome> chatCompletion(byte[] body) {
        return attempt(body, 1, Duration.ZERO);
    }

    private CompletableFuture<ChatOutcome> attempt(byte[] body, int attempt, Duration waitedForLoading) {
        return send(body).thenCompose(outcome -> {
            if (outcome instanceof ChatOutcome.Failed failed && shouldRetry(failed.failure(), attempt, waitedForLoading)) {
                Duration delay = backoff.before(attempt, failed.failure());
                Duration waited = failed.failure().kind() == HfFailure.Kind.MODEL_LOADING
                        ? waitedForLoading.plus(delay) : waitedForLoading;
                Executor later = CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS);
                return CompletableFuture.supplyAsync(() -> null, later)
                        .thenCompose(ignored -> attempt(body, attempt + 1, waited));
            }
            return CompletableFuture.completedFuture(withAttempts(outcome, attempt));
        });
    }

    /**
     * Opens a streaming chat completion. Failures before the upstream's 200 are retried like
     * {@link #chatCompletion}; once it answers 200, events go to {@code listener} and nothing is
     * retried. Never completes exceptionally.
     */
    public CompletableFuture<StreamOutcome> chatCompletionStream(byte[] body, SseListener listener) {
        return openAttempt(body, listener, 1, Duration.ZERO);
    }

    private CompletableFuture<StreamOutcome> openAttempt(byte[] body, SseListener listener, int attempt, Duration waited) {
        return open(body, listener).thenCompose(outcome -> {
            if (outcome instanceof StreamOutcome.Failed failed && shouldRetry(failed.failure(), attempt, waited)) {
                Duration delay = backoff.before(attempt, failed.failure());
                Duration nowWaited = failed.failure().kind() == HfFailure.Kind.MODEL_LOADING ? waited.plus(delay) : waited;
                Executor later = CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS);
                return CompletableFuture.supplyAsync(() -> null, later)
                        .thenCompose(ignored -> openAttempt(body, listener, attempt + 1, nowWaited));
            }
            if (outcome instanceof StreamOutcome.Opened o) {
                return CompletableFuture.completedFuture(new StreamOutcome.Opened(attempt, o.cancel()));
            }
            return CompletableFuture.completedFuture(new StreamOutcome.Failed(((StreamOutcome.Failed) outcome).failure(), attempt));
        });
    }

    private CompletableFuture<StreamOutcome> open(byte[] body, SseListener listener) {
        CompletableFuture<StreamOutcome> opened = new CompletableFuture<>();
        SseParser parser = new SseParser(listener);
        AtomicReference<byte[]> errorBody = new AtomicReference<>(new byte[0]);
        HttpResponse.BodyHandler<Void> handler = info -> {
            if (info.statusCode() == 200) {
                // a caller may block on this stream's events: hand over on another thread
                callbacks.execute(() -> opened.complete(new StreamOutcome.Opened(1, parser::cancel)));
                return HttpResponse.BodySubscribers.fromLineSubscriber(parser, p -> null, StandardCharsets.UTF_8, null);
            }
            return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(), bytes -> {
                errorBody.set(bytes);
                return null;
            });
        };
        http.sendAsync(request(body, "text/event-stream"), handler).whenComplete((response, error) -> {
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

    private CompletableFuture<ChatOutcome> send(byte[] body) {
        return http.sendAsync(request(body, "application/json"), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, error) -> error != null
                        ? new ChatOutcome.Failed(transportFailure(error), 1) : interpret(response));
    }

    /** The timeout bounds the wait for the response headers; streamed chunks are timed by the reader. */
    private HttpRequest request(byte[] body, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(chatUri)
                .timeout(config.readTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        config.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
        return request.build();
    }

    private static ChatOutcome interpret(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status / 100 != 2) {
            return new ChatOutcome.Failed(ErrorBodies.classify(status, response.body(),
                    response.headers().firstValue("Retry-After")), 1);
        }
        try {
            JsonObject json = JsonBytes.object(response.body());
            if (!json.containsKey("choices")) {
                return new ChatOutcome.Failed(HfFailure.of(HfFailure.Kind.MALFORMED_RESPONSE, status,
                        "upstream completion has no choices"), 1);
            }
            return new ChatOutcome.Completed(response.body(), Usage.of(json), 1);
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            return new ChatOutcome.Failed(HfFailure.of(HfFailure.Kind.MALFORMED_RESPONSE, status,
                    "upstream answered malformed JSON"), 1);
        }
    }

    private static HfFailure transportFailure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        HfFailure failure;
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException
                || (cause instanceof IOException && cause.getCause() instanceof ConnectException)) {
            failure = HfFailure.of(HfFailure.Kind.UNREACHABLE, 0, "upstream unreachable");
        } else if (cause instanceof HttpTimeoutException) {
            failure = HfFailure.of(HfFailure.Kind.TIMEOUT, 0, "upstream did not answer in time");
        } else {
            failure = HfFailure.of(HfFailure.Kind.UNREACHABLE, 0, "upstream connection failed");
        }
        return failure;
    }

    private static ChatOutcome withAttempts(ChatOutcome outcome, int attempts) {
        if (outcome instanceof ChatOutcome.Completed c) {
            return new ChatOutcome.Completed(c.body(), c.usage(), attempts);
        }
        return new ChatOutcome.Failed(((ChatOutcome.Failed) outcome).failure(), attempts);
    }
}
