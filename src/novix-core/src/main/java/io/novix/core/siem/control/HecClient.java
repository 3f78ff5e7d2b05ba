package io.novix.core.siem.control;

import io.novix.hf.JsonBytes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Splunk HTTP Event Collector, as its documentation describes it: {@code POST /services/collector/event}
 * with {@code Authorization: Splunk <token>} and a request channel, answered {@code {"text":"Success",
 * "code":0,"ackId":n}}; {@code POST /services/collector/ack?channel=…} with {@code {"acks":[n]}},
 * answered {@code {"acks":{"n":true}}} once indexed. MicroProfile Fault Tolerance retries a busy or
 * unreachable collector twice at once and bounds each attempt; longer outages are the forwarder's
 * (it backs off, and the outbox keeps everything meanwhile).
 */
@ApplicationScoped
public class HecClient {

    /** The collector did not take the request: its HTTP status (0: no answer) and HEC code, never the token. */
    public static final class Refused extends Exception {
        private final int status;

        public Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** Sends a batch (concatenated event objects); its ack id, or -1 when the collector does not acknowledge. */
    @Retry(maxRetries = 2, delay = 200, jitter = 100, delayUnit = ChronoUnit.MILLIS, retryOn = Refused.class)
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    public long send(URI collector, String token, UUID channel, byte[] batch) throws Refused {
        JsonObject answer = post(collector.resolve("/services/collector/event"), token, channel, batch);
        JsonValue ack = answer.get("ackId");
        return ack instanceof jakarta.json.JsonNumber n ? n.longValue() : -1;
    }

    /** Which of {@code ids} the collector says are indexed. */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public Set<Long> acknowledged(URI collector, String token, UUID channel, List<Long> ids) throws Refused {
        byte[] query = JsonBytes.JSON.createObjectBuilder().add("acks", JsonBytes.JSON.createArrayBuilder(ids)).build().toString()
                .getBytes(StandardCharsets.UTF_8);
        JsonObject answer = post(collector.resolve("/services/collector/ack?channel=" + channel), token, channel, query);
        Set<Long> done = new HashSet<>();
        JsonObject acks = answer.getJsonObject("acks");
        if (acks != null) {
            for (Map.Entry<String, JsonValue> a : acks.entrySet()) {
                if (a.getValue() == JsonValue.TRUE) {
                    done.add(Long.parseLong(a.getKey()));
                }
            }
        }
        return done;
    }

    private JsonObject post(URI url, String token, UUID channel, byte[] body) throws Refused {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Splunk " + token).header("X-Splunk-Request-Channel", channel.toString())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new Refused(answer.statusCode(), "HEC answered " + answer.statusCode() + " " + hecCode(answer.body()));
            }
            return JsonBytes.JSON.createReader(new StringReader(answer.body())).readObject();
        } catch (IOException e) {
            throw new Refused(0, "HEC unreachable: " + e.getClass().getSimpleName());
        } catch (jakarta.json.JsonException | ClassCastException e) {
            throw new Refused(200, "HEC answered something other than its JSON");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(0, "interrupted");
        }
    }

    /** HEC's own error code (e.g. 9 "Server is busy"), for the log; the body is never echoed whole. */
    private static String hecCode(String body) {
        try {
            JsonObject o = JsonBytes.JSON.createReader(new StringReader(body)).readObject();
            return "(HEC code " + o.getInt("code", -1) + ")";
        } catch (RuntimeException e) {
            return "";
        }
    }
}
