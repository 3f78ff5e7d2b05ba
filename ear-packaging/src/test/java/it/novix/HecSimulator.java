package it.novix;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local Splunk HTTP Event Collector, as Splunk documents it: {@code /services/collector/event} takes
 * concatenated JSON events with {@code Authorization: Splunk <token>} and a request channel (header or
 * {@code ?channel=}), answering {@code {"text":"Success","code":0,"ackId":n}}; {@code /services/collector/ack}
 * answers which acks are indexed; {@code /services/collector/health}. Faults: answer {@code 503 Server is busy}
 * to the next posts, and lose batches (their ack never turns true, their events are never indexed).
 */
final class HecSimulator implements AutoCloseable {

    record Event(String id, String sourcetype, JsonObject event) {
    }

    private final HttpServer server;
    private final String token;
    private final Object lock = new Object();
    private final List<Event> indexed = new ArrayList<>();
    private final Map<Long, List<Event>> pending = new HashMap<>();
    private final Map<Long, Boolean> acks = new HashMap<>();
    private long nextAck;
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger lose = new AtomicInteger();
    private final AtomicInteger refusedBusy = new AtomicInteger();
    private final AtomicInteger lostBatches = new AtomicInteger();
    private final AtomicInteger badTokens = new AtomicInteger();

    HecSimulator(int port, String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/services/collector/event", this::event);
        server.createContext("/services/collector/ack", this::ack);
        server.createContext("/services/collector/health", ex -> answer(ex, 200, reply("HEC is healthy", 17)));
        server.start();
    }

    /** The next {@code n} event posts are answered 503 Server is busy. */
    void busyFor(int n) {
        busy.set(n);
    }

    /** The next {@code n} accepted batches are lost: acknowledged with an id that never turns true. */
    void loseBatches(int n) {
        lose.set(n);
    }

    List<Event> indexed() {
        synchronized (lock) {
            return List.copyOf(indexed);
        }
    }

    /** Waits (woken by each indexed batch) until every id is indexed or the time is up; the ids still missing. */
    java.util.Set<String> awaitIndexed(java.util.Set<String> ids, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        java.util.Set<String> missing = new java.util.LinkedHashSet<>(ids);
        int seen = 0;
        synchronized (lock) {
            while (true) {
                for (; seen < indexed.size(); seen++) {
                    missing.remove(indexed.get(seen).id());
                }
                long left = deadline - System.nanoTime();
                if (missing.isEmpty() || left <= 0) {
                    return missing;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
    }

    int refusedBusy() { return refusedBusy.get(); }
    int lostBatches() { return lostBatches.get(); }
    int badTokens() { return badTokens.get(); }

    private void event(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        if (!authorised(ex)) {
            return;
        }
        if (channel(ex) == null) {
            answer(ex, 400, reply("Data channel is missing", 10));
            return;
        }
        if (busy.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            refusedBusy.incrementAndGet();
            answer(ex, 503, reply("Server is busy", 9));
            return;
        }
        List<Event> batch = new ArrayList<>();
        try {
            for (String one : objects(new String(body, StandardCharsets.UTF_8))) {
                JsonObject e = Json.createReader(new StringReader(one)).readObject();
                if (!e.containsKey("event")) {
                    answer(ex, 400, reply("Event field is required", 12));
                    return;
                }
                batch.add(new Event(e.getJsonObject("fields").getString("novix_event_id"), e.getString("sourcetype"),
                        e.getJsonObject("event")));
            }
        } catch (RuntimeException bad) {
            answer(ex, 400, reply("Invalid data format", 6));
            return;
        }
        if (batch.isEmpty()) {
            answer(ex, 400, reply("No data", 5));
            return;
        }
        long ack;
        synchronized (lock) {
            ack = nextAck++;
            if (lose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                lostBatches.incrementAndGet();
                acks.put(ack, false); // accepted, then lost before indexing: the ack never comes
            } else {
                indexed.addAll(batch);
                acks.put(ack, true);
                lock.notifyAll();
            }
        }
        answer(ex, 200, Json.createObjectBuilder().add("text", "Success").add("code", 0).add("ackId", ack).build().toString());
    }

    /** HEC's body: JSON event objects one after another (whitespace between them optional), not an array. */
    static List<String> objects(String body) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = -1;
        boolean inString = false;
        for (int i = 0; i < body.length(); i++) {
            char ch = body.charAt(i);
            if (inString) {
                if (ch == '\\') {
                    i++;
                } else if (ch == '"') {
                    inString = false;
                }
            } else if (ch == '"') {
                inString = true;
            } else if (ch == '{') {
                if (depth++ == 0) {
                    start = i;
                }
            } else if (ch == '}') {
                if (--depth == 0) {
                    out.add(body.substring(start, i + 1));
                }
            } else if (depth == 0 && !Character.isWhitespace(ch)) {
                throw new IllegalArgumentException("not an event object");
            }
        }
        if (depth != 0 || inString) {
            throw new IllegalArgumentException("truncated");
        }
        return out;
    }

    private void ack(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        if (!authorised(ex)) {
            return;
        }
        if (channel(ex) == null) {
            answer(ex, 400, reply("Data channel is missing", 10));
            return;
        }
        JsonObjectBuilder status = Json.createObjectBuilder();
        JsonObject query = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8))).readObject();
        synchronized (lock) {
            for (JsonValue id : query.getJsonArray("acks")) {
                long n = Long.parseLong(id.toString());
                status.add(String.valueOf(n), acks.getOrDefault(n, false));
            }
        }
        answer(ex, 200, Json.createObjectBuilder().add("acks", status).build().toString());
    }

    private boolean authorised(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null) {
            answer(ex, 401, reply("Token is required", 2));
            return false;
        }
        if (!auth.equals("Splunk " + token)) {
            badTokens.incrementAndGet();
            answer(ex, 403, reply("Invalid token", 4));
            return false;
        }
        return true;
    }

    private static String channel(HttpExchange ex) {
        String header = ex.getRequestHeaders().getFirst("X-Splunk-Request-Channel");
        if (header != null) {
            return header;
        }
        String q = ex.getRequestURI().getRawQuery();
        return q != null && q.startsWith("channel=") ? q.substring(8) : null;
    }

    private static String reply(String text, int code) {
        return Json.createObjectBuilder().add("text", text).add("code", code).build().toString();
    }

    private static void answer(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

}
