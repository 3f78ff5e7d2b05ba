package io.novix.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for Hugging Face's Inference Endpoints API (v2), speaking its paths and JSON:
 * {@code POST /v2/endpoint/{namespace}} creates, {@code GET …/{name}} reads (with {@code status.state}
 * and {@code status.url}), {@code POST …/{name}/pause|resume|scale-to-zero}, {@code DELETE …/{name}};
 * bearer token auth. An endpoint is {@code initializing} for {@code initMs}, then {@code running};
 * paused and scaled-to-zero endpoints answer inference 503 — a scaled-to-zero one wakes up when the
 * call carries {@code X-Scale-Up-Timeout} long enough, and the call is then served. Inference at
 * {@code /ep/{name}/…} is passed to {@code inference} (an HF simulator). Faults: {@link #failNext}.
 */
public final class EndpointsSimulator implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final String token;
    private final URI inference;
    private final long initMs;
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger wakeUps = new AtomicInteger();
    private final HttpClient http = HttpClient.newHttpClient();

    private static final class Endpoint {
        final JsonObject spec;
        final String name;
        String state = "initializing";
        long since = System.currentTimeMillis();

        Endpoint(String name, JsonObject spec) {
            this.name = name;
            this.spec = spec;
        }
    }

    private EndpointsSimulator(int port, String token, URI inference, long initMs) throws IOException {
        this.token = token;
        this.inference = inference;
        this.initMs = initMs;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    public static EndpointsSimulator start(int port, String token, URI inference, long initMs) throws IOException {
        return new EndpointsSimulator(port, token, inference, initMs);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code n} API calls answer 503, as the API does when it is busy. */
    public void failNext(int n) {
        failures.set(n);
    }

    /** How many scaled-to-zero endpoints a call woke up. */
    public int wakeUps() {
        return wakeUps.get();
    }

    /** An endpoint's state as the API would report it now. */
    public synchronized String state(String name) {
        Endpoint e = endpoints.get(name);
        return e == null ? null : current(e);
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (path.startsWith("/ep/")) {
                serve(ex, path);
                return;
            }
            if (!("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                Wire.send(ex, 401, Json.createObjectBuilder().add("error", "Unauthorized").build());
                return;
            }
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                Wire.send(ex, 503, Json.createObjectBuilder().add("error", "Service Unavailable").build());
                return;
            }
            String[] parts = path.split("/"); // "", v2, endpoint, namespace, [name], [action]
            if (parts.length < 4 || !"v2".equals(parts[1]) || !"endpoint".equals(parts[2])) {
                Wire.send(ex, 404, Json.createObjectBuilder().add("error", "Not Found").build());
                return;
            }
            String method = ex.getRequestMethod();
            String namespace = parts[3];
            synchronized (this) {
                if (parts.length == 4 && "POST".equals(method)) {
                    create(ex, namespace);
                } else if (parts.length == 4 && "GET".equals(method)) {
                    JsonArrayBuilder items = Json.createArrayBuilder();
                    endpoints.values().forEach(e -> items.add(view(namespace, e)));
                    Wire.send(ex, 200, Json.createObjectBuilder().add("items", items).build());
                } else if (parts.length >= 5) {
                    Endpoint e = endpoints.get(parts[4]);
                    if (e == null) {
                        Wire.send(ex, 404, Json.createObjectBuilder().add("error", "Endpoint not found").build());
                    } else if (parts.length == 5 && "GET".equals(method)) {
                        Wire.send(ex, 200, view(namespace, e));
                    } else if (parts.length == 5 && "DELETE".equals(method)) {
                        endpoints.remove(e.name);
                        Wire.send(ex, 202, Json.createObjectBuilder().build());
                    } else if (parts.length == 6 && "POST".equals(method)) {
                        act(ex, namespace, e, parts[5]);
                    } else {
                        Wire.send(ex, 405, Json.createObjectBuilder().add("error", "Method Not Allowed").build());
                    }
                } else {
                    Wire.send(ex, 405, Json.createObjectBuilder().add("error", "Method Not Allowed").build());
                }
            }
        }
    }

    private void create(HttpExchange ex, String namespace) throws IOException {
        JsonObject spec;
        try {
            spec = Json.createReader(new StringReader(new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))).readObject();
        } catch (RuntimeException e) {
            Wire.send(ex, 400, Json.createObjectBuilder().add("error", "invalid JSON").build());
            return;
        }
        String name = spec.getString("name", "");
        if (!name.matches("[a-z0-9][a-z0-9-]{0,31}") || spec.getJsonObject("model") == null || spec.getJsonObject("compute") == null
                || spec.getJsonObject("provider") == null) {
            Wire.send(ex, 400, Json.createObjectBuilder().add("error", "name, model, compute and provider are required").build());
            return;
        }
        if (endpoints.containsKey(name)) {
            Wire.send(ex, 409, Json.createObjectBuilder().add("error", "An endpoint with this name already exists").build());
            return;
        }
        Endpoint e = new Endpoint(name, spec);
        endpoints.put(name, e);
        Wire.send(ex, 202, view(namespace, e));
    }

    private void act(HttpExchange ex, String namespace, Endpoint e, String action) throws IOException {
        String now = current(e);
        switch (action) {
            case "pause" -> move(e, "paused");
            case "resume" -> {
                if (!"running".equals(now) && !"initializing".equals(now)) {
                    move(e, "initializing");
                }
            }
            case "scale-to-zero" -> {
                if ("running".equals(now)) {
                    move(e, "scaledToZero");
                }
            }
            default -> {
                Wire.send(ex, 404, Json.createObjectBuilder().add("error", "Not Found").build());
                return;
            }
        }
        Wire.send(ex, 200, view(namespace, e));
    }

    /** Inference on an endpoint's URL: served when running; a scaled-to-zero one wakes for a call that may wait. */
    private void serve(HttpExchange ex, String path) throws IOException {
        String[] parts = path.split("/", 4); // "", ep, name, rest
        Endpoint e;
        String state;
        synchronized (this) {
            e = parts.length < 3 ? null : endpoints.get(parts[2]);
            state = e == null ? null : current(e);
            if ("scaledToZero".equals(state)) {
                String wait = ex.getRequestHeaders().getFirst("X-Scale-Up-Timeout");
                if (wait != null && wait.matches("\\d+") && Long.parseLong(wait) * 1000 >= initMs) {
                    move(e, "initializing");
                    wakeUps.incrementAndGet();
                    state = "initializing";
                }
            }
        }
        if (e == null) {
            Wire.send(ex, 404, Json.createObjectBuilder().add("error", "Not Found").build());
            return;
        }
        if ("initializing".equals(state)) { // the held call waits for the wake-up
            try {
                Thread.sleep(Math.max(0, initMs - (System.currentTimeMillis() - e.since)) + 5);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                state = current(e);
            }
        }
        if (!"running".equals(state)) {
            Wire.send(ex, 503, Json.createObjectBuilder().add("error", "Service Unavailable: endpoint is " + state).build());
            return;
        }
        String rest = parts.length > 3 ? "/" + parts[3] : "/";
        HttpRequest.Builder forward = HttpRequest.newBuilder(inference.resolve(rest))
                .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(ex.getRequestBody().readAllBytes()));
        for (String h : new String[]{"Content-Type", "Authorization", "Accept"}) {
            String v = ex.getRequestHeaders().getFirst(h);
            if (v != null) {
                forward.header(h, v);
            }
        }
        try {
            HttpResponse<byte[]> answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers().firstValue("Content-Type").ifPresent(t -> ex.getResponseHeaders().set("Content-Type", t));
            Wire.raw(ex, answer.statusCode(), answer.body());
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            Wire.send(ex, 502, Json.createObjectBuilder().add("error", "Bad Gateway").build());
        }
    }

    private void move(Endpoint e, String state) {
        e.state = state;
        e.since = System.currentTimeMillis();
    }

    /** The state now: initializing turns running after initMs. */
    private String current(Endpoint e) {
        if ("initializing".equals(e.state) && System.currentTimeMillis() - e.since >= initMs) {
            move(e, "running");
        }
        return e.state;
    }

    private JsonObject view(String namespace, Endpoint e) {
        String state = current(e);
        JsonObjectBuilder status = Json.createObjectBuilder().add("state", state).add("message", "Endpoint is " + state)
                .add("createdAt", Instant.now().toString()).add("updatedAt", Instant.ofEpochMilli(e.since).toString());
        if (!"paused".equals(state)) {
            status.add("url", baseUrl() + "/ep/" + e.name);
        }
        JsonObject compute = e.spec.getJsonObject("compute");
        JsonObjectBuilder scaling = Json.createObjectBuilder(compute.getJsonObject("scaling") == null ? JsonObject.EMPTY_JSON_OBJECT
                : compute.getJsonObject("scaling"));
        if ("paused".equals(state)) {
            scaling.add("minReplica", 0).add("maxReplica", 0);
        }
        return Json.createObjectBuilder().add("name", e.name).add("type", e.spec.getString("type", "protected"))
                .add("accountId", namespace).add("model", e.spec.getJsonObject("model")).add("provider", e.spec.getJsonObject("provider"))
                .add("compute", Json.createObjectBuilder(compute).add("scaling", scaling)).add("status", status).build();
    }
}
