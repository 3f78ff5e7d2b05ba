package it.novix;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits until an instance serves a tenant's SAML service provider, talking to it the way a load balancer that follows
 * the product's readiness would: only while its {@code saml-service-providers} check is UP. A request that reaches
 * Liberty's SAML endpoint while a new service provider is being applied can leave its {@code EndpointServlet} without
 * a service reference for good (it refreshes the reference only while it holds one; every later request then fails
 * with CWWKS5005E, seen twice in ClusterIT). The readiness check is DOWN from a change until it has settled
 * ({@code SsoReadiness}), and {@code docs/operations.md} says to route SAML traffic by it.
 */
final class ServiceProviderWait {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ServiceProviderWait() {
    }

    /** Until {@code metadataUrl} answers the SP's metadata; asked only while its own instance reports its SPs settled. */
    static void until(String metadataUrl) throws Exception {
        URI ready = URI.create(metadataUrl).resolve("/health/ready");
        Instant end = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(end)) {
            if (settled(ready)) {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(metadataUrl)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("EntityDescriptor")) {
                    return;
                }
            }
            Thread.sleep(200); // polling Liberty's config monitor and the readiness check; no event to wait on
        }
        throw new AssertionError("the service provider did not come up: " + metadataUrl);
    }

    private static boolean settled(URI ready) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString());
        if (!r.body().trim().startsWith("{")) {
            return false;
        }
        try (JsonReader reader = Json.createReader(new StringReader(r.body()))) {
            return reader.readObject().getJsonArray("checks").stream().map(JsonObject.class::cast)
                    .anyMatch(c -> "saml-service-providers".equals(c.getString("name", "")) && "UP".equals(c.getString("status", "")));
        }
    }
}
