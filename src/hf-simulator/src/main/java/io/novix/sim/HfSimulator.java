package io.novix.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for the Hugging Face router ({@code /v1/chat/completions}, {@code /v1/models}),
 * speaking real payloads and real error bodies. Faults are scripted through {@code /__sim/*}:
 * POST /__sim/script {"faults":[{...}]}, POST /__sim/reset, GET /__sim/calls.
 */
public final class HfSimulator implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService workers;
    private final Optional<String> requiredKey;
    private final long latencyMs;
    private final java.util.concurrent.ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "hf-sim-timer");
        t.setDaemon(true);
        return t;
    });
    private volatile long chunkDelayMs;
    private final ConcurrentLinkedQueue<Fault> script = new ConcurrentLinkedQueue<>();
    private final AtomicLong chatCalls = new AtomicLong();
    private final AtomicLong abortedStreams = new AtomicLong();
    /** Permits for held streams: a release given before the stream reaches its hold is not lost. */
    private final java.util.concurrent.Semaphore releases = new java.util.concurrent.Semaphore(0);

    private HfSimulator(HttpServer server, ExecutorService workers, Optional<String> requiredKey, long latencyMs) {
        this.server = server;
        this.workers = workers;
        this.requiredKey = requiredKey;
        this.latencyMs = latencyMs;
    }

    /** Starts on loopback; port 0 picks a free one. A present key must be sent as a Bearer token. */
    public static HfSimulator start(int port, Optional<String> requiredKey, long latencyMs) throws IOException {
        // without TCP_NODELAY, headers and body go out in two segments and Nagle meets delayed ACK: +40 ms a call
        System.setProperty("sun.net.httpserver.nodelay", System.getProperty("sun.net.httpserver.nodelay", "true"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 4096);
        ExecutorService workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hf-sim");
            t.setDaemon(true);
            return t;
        });
        HfSimulator sim = new HfSimulator(server, workers, requiredKey, latencyMs);
        server.setExecutor(workers);
        server.createContext("/", sim::handle);
        server.start();
        return sim;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Time between streamed chunks (generation speed). */
    public void chunkDelay(long millis) {
        this.chunkDelayMs = millis;
    }

    /** Queues faults for the next calls: {@code {"faults":[{"kind":"status","status":503}, ...]}}. */
    public void script(String json) {
        try (JsonReader reader = Json.createReader(new java.io.StringReader(json))) {
            for (JsonValue f : reader.readObject().getJsonArray("faults")) {
                script.add(Fault.of(f.asJsonObject()));
            }
        }
    }

    /** Lets one stream held by a {@code stream_hold} fault go on (now, or when it reaches its hold). */
    public void releaseHeld() {
        releases.release();
    }

    /** Streams whose reader went away before the end (the gateway cancelled them). */
    public long abortedStreams() {
        return abortedStreams.get();
    }

    private void awaitRelease() {
        try {
            if (!releases.tryAcquire(60, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("stream held for 60 s without release");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public long chatCalls() {
        return chatCalls.get();
    }

    @Override
    public void close() {
        server.stop(0);
        timer.shutdownNow();
        workers.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        boolean answerLater = false;
        try {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (path.startsWith("/__sim/")) {
                control(ex, method, path);
            } else if ("POST".equals(method) && path.endsWith("/chat/completions")) {
                answerLater = chat(ex);
            } else if ("GET".equals(method) && path.endsWith("/v1/models")) {
                send(ex, 200, Json.createObjectBuilder().add("object", "list")
                        .add("data", Json.createArrayBuilder()).build());
            } else if ("GET".equals(method) && "/health".equals(path)) {
                ex.sendResponseHeaders(200, -1);
            } else {
                send(ex, 404, error("Not Found"));
            }
        } catch (RuntimeException e) {
            send(ex, 500, error("Internal server error: " + e.getClass().getSimpleName()));
        } finally {
            if (!answerLater) {
                ex.close();
            }
        }
    }

    /**
     * Answers a chat completion; returns true when the answer was scheduled for later (simulated
     * latency without holding a thread, so thousands of slow calls can be in flight).
     */
    private boolean chat(HttpExchange ex) throws IOException {
        chatCalls.incrementAndGet();
        byte[] body = ex.getRequestBody().readAllBytes();
        if (requiredKey.isPresent() && !("Bearer " + requiredKey.get())
                .equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            send(ex, 401, error("Invalid credentials in Authorization header"));
            return false;
        }
        Fault fault = script.poll();
        long wait = latencyMs + (fault == null ? 0 : fault.delayMs());
        if (wait > 0) {
            timer.schedule(() -> workers.execute(() -> {
                try (ex) {
                    answer(ex, body, fault);
                } catch (IOException | RuntimeException ignored) {
                    // the caller went away while we "computed"
                }
            }), wait, java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        }
        answer(ex, body, fault);
        return false;
    }

    private void answer(HttpExchange ex, byte[] body, Fault fault) throws IOException {
        if (fault != null && !"delay".equals(fault.kind()) && !fault.kind().startsWith("stream_")) {
            misbehave(ex, fault);
            return;
        }
        JsonObject request;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            request = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            send(ex, 422, tgiError("Failed to deserialize the JSON body into the target type", "validation"));
            return;
        }
        String invalid = ChatResponder.validate(request);
        if (invalid != null) {
            send(ex, 422, tgiError(invalid, "validation"));
            return;
        }
        if (request.get("stream") == JsonValue.TRUE) {
            ChatStreamer.stream(ex, request, fault, new ChatStreamer.Pacing(chunkDelayMs, this::awaitRelease,
                    abortedStreams::incrementAndGet));
            return;
        }
        send(ex, 200, ChatResponder.completion(request, Instant.now().getEpochSecond()));
    }

    private void misbehave(HttpExchange ex, Fault fault) throws IOException {
        switch (fault.kind()) {
            case "loading" -> send(ex, 503, Json.createObjectBuilder()
                    .add("error", "Model is currently loading")
                    .add("estimated_time", fault.estimatedTime()).build());
            case "rate_limit" -> {
                if (fault.retryAfter() != null) {
                    ex.getResponseHeaders().add("Retry-After", String.valueOf(fault.retryAfter()));
                }
                send(ex, 429, error("Rate limit reached. You reached free usage limit (reset hourly)."));
            }
            case "status" -> send(ex, fault.status(), fault.errorType() == null
                    ? error("Internal server error") : tgiError("Request failed during generation", fault.errorType()));
            case "malformed" -> raw(ex, 200, "{\"id\":\"chatcmpl-1\",\"choices\":[{\"message\":".getBytes(StandardCharsets.UTF_8));
            default -> throw new IllegalStateException(fault.kind());
        }
    }

    private void control(HttpExchange ex, String method, String path) throws IOException {
        switch (method + " " + path) {
            case "POST /__sim/script" -> {
                script(new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                ex.sendResponseHeaders(204, -1);
            }
            case "POST /__sim/reset" -> {
                script.clear();
                chatCalls.set(0);
                releases.drainPermits();
                ex.sendResponseHeaders(204, -1);
            }
            case "GET /__sim/calls" -> send(ex, 200, Json.createObjectBuilder().add("chat", chatCalls.get()).build());
            default -> send(ex, 404, error("Not Found"));
        }
    }

    private static JsonObject error(String message) {
        return Json.createObjectBuilder().add("error", message).build();
    }

    private static JsonObject tgiError(String message, String type) {
        return Json.createObjectBuilder().add("error", message).add("error_type", type).build();
    }

    private static void send(HttpExchange ex, int status, JsonObject json) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        raw(ex, status, json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void raw(HttpExchange ex, int status, byte[] bytes) throws IOException {
        ex.getResponseHeaders().set("x-request-id", Long.toHexString(System.nanoTime()));
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }


    /** {@code java -jar hf-simulator.jar [port] [latencyMs]}; HF_API_KEY, when set, is required. */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        long latency = args.length > 1 ? Long.parseLong(args[1]) : 0;
        try (HfSimulator sim = start(port, Optional.ofNullable(System.getenv("HF_API_KEY")), latency)) {
            System.out.println("HF simulator: " + sim.baseUrl());
            new CountDownLatch(1).await();
        }
    }
}
