package it.novix;

import io.novix.launcher.FreePorts;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak (the quarkus distribution from Maven Central, unpacked by the build) started on
 * loopback as the tenants' SAML IdP, configured through its admin REST API, and stopped after.
 * {@code -Dnovix.keycloak.url=http://127.0.0.1:PORT} reuses a running one (admin/admin-pass-123).
 */
final class KeycloakServer implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-pass-123";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final Process process;

    private KeycloakServer(String base, Process process) {
        this.base = base;
        this.process = process;
    }

    /** A Keycloak of its own under the test home (a fresh work directory each time). */
    static KeycloakServer startInTestHome() throws Exception {
        Path work = Path.of(System.getProperty("novix.test.home", "target/it-home"))
                .resolve("keycloak-" + java.util.UUID.randomUUID().toString().substring(0, 6));
        java.nio.file.Files.createDirectories(work);
        return start(work);
    }

    static KeycloakServer start(Path work) throws Exception {
        String existing = System.getProperty("novix.keycloak.url");
        if (existing != null && !existing.isBlank()) {
            return new KeycloakServer(existing, null);
        }
        Path zip = Path.of(System.getProperty("novix.keycloak.dist", "target/keycloak/keycloak.zip"));
        Path home = unpack(zip, work.resolve("keycloak"));
        int port = FreePorts.pick();
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev", "--http-port=" + port,
                "--http-host=127.0.0.1", "--http-management-port=" + FreePorts.pick(), "--cache=local")
                .redirectErrorStream(true).redirectOutput(work.resolve("keycloak.log").toFile());
        pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        pb.environment().put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
        Process p = pb.start();
        KeycloakServer kc = new KeycloakServer("http://127.0.0.1:" + port, p);
        kc.awaitReady(Duration.ofMinutes(8));
        return kc;
    }

    private static Path unpack(Path zip, Path target) throws IOException {
        Files.createDirectories(target);
        Path top = null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path out = target.resolve(e.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry outside the target: " + e.getName());
                }
                if (top == null) {
                    top = target.resolve(Path.of(e.getName()).getName(0));
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path kc = top.resolve("bin/kc.sh");
        kc.toFile().setExecutable(true);
        return top;
    }

    private void awaitReady(Duration timeout) throws Exception {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue());
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/realms/master")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500); // polling a server that is starting; nothing to synchronise with
        }
        throw new IllegalStateException("Keycloak did not start within " + timeout);
    }

    String base() {
        return base;
    }

    String adminToken() throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=" + ADMIN + "&password=" + ADMIN_PASSWORD;
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.createReader(new StringReader(r.body())).readObject().getString("access_token");
    }

    HttpResponse<String> admin(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/admin/realms" + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken()).header("Content-Type", "application/json");
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " → " + r.statusCode() + " " + r.body());
        }
        return r;
    }

    /** A realm acting as one tenant's IdP. */
    void realm(String realm) throws Exception {
        admin("POST", "", "{\"realm\":\"" + realm + "\",\"enabled\":true}");
    }

    /** The realm's SAML client for Novix's service provider of that tenant (entity id and ACS from Novix). */
    void samlClient(String realm, String spEntityId, String acsUrl) throws Exception {
        JsonObject client = Json.createObjectBuilder()
                .add("clientId", spEntityId).add("protocol", "saml").add("enabled", true)
                .add("redirectUris", Json.createArrayBuilder().add(acsUrl))
                .add("frontchannelLogout", false)
                .add("attributes", Json.createObjectBuilder()
                        .add("saml_assertion_consumer_url_post", acsUrl)
                        .add("saml.assertion.signature", "true")
                        .add("saml.server.signature", "true")
                        .add("saml.client.signature", "false")
                        .add("saml.force.post.binding", "true")
                        .add("saml.signature.algorithm", "RSA_SHA256")
                        .add("saml_name_id_format", "username")
                        .add("saml.force.name.id.format", "true"))
                .add("protocolMappers", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("name", "groups").add("protocol", "saml").add("protocolMapper", "saml-group-membership-mapper")
                        .add("config", Json.createObjectBuilder().add("attribute.name", "groups").add("full.path", "false")
                                .add("single", "false").add("attribute.nameformat", "Basic"))))
                .build();
        admin("POST", "/" + realm + "/clients", client.toString());
    }

    void user(String realm, String username, String password, String... groups) throws Exception {
        for (String g : groups) {
            try {
                admin("POST", "/" + realm + "/groups", "{\"name\":\"" + g + "\"}");
            } catch (IllegalStateException exists) {
                // created for an earlier user
            }
        }
        JsonObject user = Json.createObjectBuilder().add("username", username).add("enabled", true)
                .add("email", username + "@" + realm + ".example").add("emailVerified", true)
                .add("firstName", username).add("lastName", realm)
                .add("credentials", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("type", "password").add("value", password).add("temporary", false)))
                .add("groups", Json.createArrayBuilder(java.util.List.of(groups).stream().map(g -> "/" + g).toList()))
                .build();
        admin("POST", "/" + realm + "/users", user.toString());
    }

    String metadata(String realm) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/realms/" + realm + "/protocol/saml/descriptor")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    String issuer(String realm) {
        return base + "/realms/" + realm;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
