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
 * A local stand-in for Hugging Face: the router ({@code /v1/chat/completions}), the task API
 * ({@code /models/{model}}, {@code /hf-inference/models/{model}}), dedicated endpoints
 * ({@code /endpoints/{name}}), TGI ({@code /generate}, {@code /generate_stream}) and TEI
 * ({@code /embed}), speaking real payloads and real error bodies. Faults are scripted through {@code /__sim/*}:
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
    private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final java.util.Set<String> paths = java.util.concurrent.ConcurrentHashMap.newKeySet(); // distinct, bounded below
    private final AtomicLong calls = new AtomicLong();
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

    public long calls() {
        return calls.get();
    }

    @Override
    public void close() {
        server.stop(0);
        timer.shutdownNow();
        workers.shutdownNow();
    }

    /** One inference request as the simulator saw it, for tests to assert what the gateway sent. */
    public record Seen(String path, String contentType, byte[] body, boolean enterprise) {
    }

    /**
     * Every distinct path an inference request came to (the first 10,000): unlike {@link #seen()},
     * which keeps only the latest 50, it tells whether a path was ever reached.
     */
    public java.util.Set<String> paths() {
        return java.util.Set.copyOf(paths);
    }

    /** The latest inference requests, newest last (at most 50). */
    public java.util.List<Seen> seen() {
        return java.util.List.copyOf(seen);
    }

    private void handle(HttpExchange ex) throws IOException {
        boolean answerLater = false;
        try {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (path.startsWith("/__sim/")) {
                control(ex, method, path);
            } else if ("POST".equals(method) && route(path) != null) {
                answerLater = inference(ex, path);
            } else if ("GET".equals(method) && path.endsWith("/v1/models")) {
                Wire.send(ex, 200, Json.createObjectBuilder().add("object", "list")
                        .add("data", Json.createArrayBuilder()).build());
            } else if ("GET".equals(method) && path.endsWith("/health")) {
                ex.sendResponseHeaders(200, -1);
            } else {
                Wire.send(ex, 404, Wire.error("Not Found"));
            }
        } catch (RuntimeException e) {
            Wire.send(ex, 500, Wire.error("Internal server error: " + e.getClass().getSimpleName()));
        } finally {
            if (!answerLater) {
                ex.close();
            }
        }
    }

    /** Which API a path belongs to: chat, tgi-generate, tei-embed, or a task (the model's). */
    private static String route(String path) {
        if (path.endsWith("/v1/completions")) {
            return "completions";
        }
        if (path.endsWith("/chat/completions")) {
            return "chat";
        }
        if (path.endsWith("/generate") || path.endsWith("/generate_stream")) {
            return "generate";
        }
        if (path.endsWith("/embed")) {
            return "embed";
        }
        int models = path.indexOf("/models/");
        if (models >= 0 && path.length() > models + 8) {
            return "task";
        }
        return path.startsWith("/endpoints/") && path.length() > 11 ? "task" : null;
    }

    /** The model a task path names: {@code /models/org/name[/pipeline/task]} or a dedicated endpoint's name. */
    private static String modelOf(String path) {
        int models = path.indexOf("/models/");
        String rest = models >= 0 ? path.substring(models + 8) : path.substring("/endpoints/".length());
        int pipeline = rest.indexOf("/pipeline/");
        return pipeline >= 0 ? rest.substring(0, pipeline) : rest;
    }

    /**
     * Answers an inference call; returns true when the answer was scheduled for later (simulated
     * latency without holding a thread, so thousands of slow calls can be in flight).
     */
    private boolean inference(HttpExchange ex, String path) throws IOException {
        calls.incrementAndGet();
        byte[] body = ex.getRequestBody().readAllBytes();
        String contentType = ex.getRequestHeaders().getFirst("Content-Type");
        seen.add(new Seen(path, contentType, body, "true".equals(ex.getRequestHeaders().getFirst("X-Enterprise"))));
        if (paths.size() < 10_000) {
            paths.add(path);
        }
        while (seen.size() > 50) {
            seen.poll();
        }
        if (requiredKey.isPresent() && !("Bearer " + requiredKey.get())
                .equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            Wire.send(ex, 401, Wire.error("Invalid credentials in Authorization header"));
            return false;
        }
        Fault fault = script.poll();
        if (fault != null && "hang".equals(fault.kind())) {
            // never answers: the caller's read timeout has to fire; the connection is dropped much later
            timer.schedule(ex::close, Math.max(fault.delayMs(), 120_000), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        }
        if (fault != null && "cold_start".equals(fault.kind()) && !waitsForScaleUp(ex, fault)) {
            Wire.send(ex, 503, Wire.error("Service Unavailable")); // scaled to zero: waking up
            return false;
        }
        long wait = latencyMs + (fault == null ? 0 : fault.delayMs());
        if (wait > 0) {
            timer.schedule(() -> workers.execute(() -> {
                try (ex) {
                    answer(ex, path, contentType, body, fault);
                } catch (IOException | RuntimeException ignored) {
                    // the caller went away while we "computed"
                }
            }), wait, java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        }
        answer(ex, path, contentType, body, fault);
        return false;
    }

    /** Like an Inference Endpoint's proxy: X-Scale-Up-Timeout long enough for the wake-up holds the call. */
    private static boolean waitsForScaleUp(HttpExchange ex, Fault fault) {
        try {
            String header = ex.getRequestHeaders().getFirst("X-Scale-Up-Timeout");
            return header != null && Long.parseLong(header.trim()) * 1000 >= fault.delayMs();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void answer(HttpExchange ex, String path, String contentType, byte[] body, Fault fault) throws IOException {
        if (fault != null && !"delay".equals(fault.kind()) && !"cold_start".equals(fault.kind())
                && !fault.kind().startsWith("stream_")) {
            misbehave(ex, fault);
            return;
        }
        ChatStreamer.Pacing pacing = new ChatStreamer.Pacing(chunkDelayMs, this::awaitRelease, abortedStreams::incrementAndGet);
        switch (route(path)) {
            case "generate" -> {
                JsonObject request = TaskResponder.parse(body);
                if (request == null) {
                    Wire.send(ex, 422, Wire.tgiError("Failed to deserialize the JSON body into the target type", "validation"));
                } else if (path.endsWith("/generate_stream")) {
                    Generation.stream(ex, request, fault, pacing);
                } else if (Generation.invalid(request) != null) {
                    Wire.send(ex, 422, Wire.tgiError(Generation.invalid(request), "validation"));
                } else {
                    Generation.answer(ex, request, true);
                }
            }
            case "embed" -> TaskResponder.embed(ex, TaskResponder.parse(body));
            case "completions" -> {
                JsonObject request = TaskResponder.parse(body);
                if (request == null) {
                    Wire.send(ex, 422, Wire.tgiError("Failed to deserialize the JSON body into the target type", "validation"));
                } else {
                    CompletionResponder.answer(ex, request, fault, pacing);
                }
            }
            case "task" -> {
                String model = modelOf(path);
                if (model.contains("does-not-exist")) {
                    Wire.send(ex, 404, Wire.error("Model " + model + " does not exist"));
                    return;
                }
                TaskResponder.answer(ex, TaskResponder.taskOf(model, path), contentType, body, fault, pacing);
            }
            default -> chat(ex, body, fault, pacing);
        }
    }

    private void chat(HttpExchange ex, byte[] body, Fault fault, ChatStreamer.Pacing pacing) throws IOException {
        JsonObject request = TaskResponder.parse(body);
        if (request == null) {
            Wire.send(ex, 422, Wire.tgiError("Failed to deserialize the JSON body into the target type", "validation"));
            return;
        }
        String invalid = ChatResponder.validate(request);
        if (invalid != null) {
            Wire.send(ex, 422, Wire.tgiError(invalid, "validation"));
            return;
        }
        if (request.get("stream") == JsonValue.TRUE) {
            ChatStreamer.stream(ex, request, fault, pacing);
            return;
        }
        Wire.send(ex, 200, ChatResponder.completion(request, Instant.now().getEpochSecond()));
    }

    private void misbehave(HttpExchange ex, Fault fault) throws IOException {
        switch (fault.kind()) {
            case "loading" -> Wire.send(ex, 503, Json.createObjectBuilder()
                    .add("error", "Model is currently loading")
                    .add("estimated_time", fault.estimatedTime()).build());
            case "rate_limit" -> {
                if (fault.retryAfter() != null) {
                    ex.getResponseHeaders().add("Retry-After", String.valueOf(fault.retryAfter()));
                }
                Wire.send(ex, 429, Wire.error("Rate limit reached. You reached free usage limit (reset hourly)."));
            }
            case "status" -> Wire.send(ex, fault.status(), fault.errorType() == null
                    ? Wire.error("Internal server error") : Wire.tgiError("Request failed during generation", fault.errorType()));
            case "malformed" -> Wire.raw(ex, 200, "{\"id\":\"chatcmpl-1\",\"choices\":[{\"message\":".getBytes(StandardCharsets.UTF_8));
            case "reset" -> ex.close(); // the connection drops before a single byte of answer
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
                calls.set(0);
                releases.drainPermits();
                ex.sendResponseHeaders(204, -1);
            }
            case "GET /__sim/calls" -> Wire.send(ex, 200, Json.createObjectBuilder().add("calls", calls.get()).build());
            default -> Wire.send(ex, 404, Wire.error("Not Found"));
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
