package io.novix.core.dedicated.control;

import io.novix.hf.JsonBytes;

import io.novix.core.dedicated.entity.EndpointSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Hugging Face's Inference Endpoints API (v2): create, read, pause, resume, scale to zero, delete, under
 * one namespace with the platform's Hugging Face key. A busy or failing API is retried (MicroProfile
 * {@code @Retry}, {@code @Timeout}); a broken one is left alone for a while ({@code @CircuitBreaker}).
 */
@ApplicationScoped
public class EndpointsApi {

    /** The API refused or could not be reached; {@code status} 0 when nothing answered. */
    public static class Unavailable extends Exception {
        private final int status;

        public Unavailable(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** The API answered that no such endpoint exists. */
    public static class Gone extends Exception {
        public Gone(String message) {
            super(message);
        }
    }

    /** An endpoint as the API describes it. */
    public record Described(String state, String url) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Retry(maxRetries = 3, delay = 200, jitter = 100, delayUnit = ChronoUnit.MILLIS, retryOn = Unavailable.class)
    @Timeout(value = 20, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 10, delayUnit = ChronoUnit.SECONDS,
            failOn = Unavailable.class)
    public Described create(URI api, String namespace, String key, EndpointSpec s) throws Unavailable, Gone {
        JsonObject body = JsonBytes.JSON.createObjectBuilder().add("name", s.name()).add("type", "protected")
                .add("model", JsonBytes.JSON.createObjectBuilder().add("repository", s.model()).add("framework", "pytorch").add("task", s.task())
                        .add("image", JsonBytes.JSON.createObjectBuilder().add("huggingface", JsonBytes.JSON.createObjectBuilder())))
                .add("provider", JsonBytes.JSON.createObjectBuilder().add("vendor", s.vendor()).add("region", s.region()))
                .add("compute", JsonBytes.JSON.createObjectBuilder().add("accelerator", s.accelerator()).add("instanceType", s.instanceType())
                        .add("instanceSize", s.instanceSize()).add("scaling", JsonBytes.JSON.createObjectBuilder().add("minReplica", s.minReplica())
                                .add("maxReplica", s.maxReplica()).add("scaleToZeroTimeout", s.scaleToZeroMinutes())))
                .build();
        return described(call(api, namespace, "", "POST", key, body.toString()));
    }

    @Retry(maxRetries = 3, delay = 200, jitter = 100, delayUnit = ChronoUnit.MILLIS, retryOn = Unavailable.class)
    @Timeout(value = 20, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 10, delayUnit = ChronoUnit.SECONDS,
            failOn = Unavailable.class)
    public Described read(URI api, String namespace, String key, String name) throws Unavailable, Gone {
        return described(call(api, namespace, "/" + enc(name), "GET", key, null));
    }

    /** {@code action}: pause, resume or scale-to-zero. */
    @Retry(maxRetries = 3, delay = 200, jitter = 100, delayUnit = ChronoUnit.MILLIS, retryOn = Unavailable.class)
    @Timeout(value = 20, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 10, delayUnit = ChronoUnit.SECONDS,
            failOn = Unavailable.class)
    public Described act(URI api, String namespace, String key, String name, String action) throws Unavailable, Gone {
        return described(call(api, namespace, "/" + enc(name) + "/" + action, "POST", key, ""));
    }

    @Retry(maxRetries = 3, delay = 200, jitter = 100, delayUnit = ChronoUnit.MILLIS, retryOn = Unavailable.class)
    @Timeout(value = 20, unit = ChronoUnit.SECONDS)
    public void delete(URI api, String namespace, String key, String name) throws Unavailable, Gone {
        call(api, namespace, "/" + enc(name), "DELETE", key, null);
    }

    private String call(URI api, String namespace, String path, String method, String key, String body) throws Unavailable, Gone {
        HttpRequest.Builder r = HttpRequest.newBuilder(api.resolve("/v2/endpoint/" + enc(namespace) + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + key).header("Accept", "application/json");
        r.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            r.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> answer = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
            int s = answer.statusCode();
            if (s == 404) {
                throw new Gone("the Endpoints API has no such endpoint");
            }
            if (s >= 200 && s < 300) {
                return answer.body();
            }
            throw new Unavailable(s, "the Endpoints API answered " + s); // the body may echo input: never passed on
        } catch (IOException e) {
            throw new Unavailable(0, "the Endpoints API is unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable(0, "interrupted");
        }
    }

    private static Described described(String body) throws Unavailable {
        try {
            JsonObject o = JsonBytes.JSON.createReader(new StringReader(body)).readObject();
            JsonObject status = o.getJsonObject("status");
            return new Described(status == null ? null : status.getString("state", null),
                    Optional.ofNullable(status).map(st -> st.getString("url", null)).orElse(null));
        } catch (RuntimeException e) {
            throw new Unavailable(200, "the Endpoints API answered something other than an endpoint");
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
