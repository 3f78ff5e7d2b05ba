package io.novix.launcher;

import io.novix.sim.HfSimulator;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * PostgreSQL (embedded unless NOVIX_DB_URL is given), the local Hugging Face upstream (unless
 * HF_ENTERPRISE_ENDPOINT is given) and the Novix Liberty server, started together and stopped in
 * reverse order. Everything persistent lives under {@code home}: pgdata/, admin-token, logs/.
 */
public final class NovixStack implements AutoCloseable {

    /** The region the embedded run places its local upstream in (the demo tenant's home region). */
    public static final String LOCAL_REGION = "eu-west-1";

    public record Options(Path wlp, String serverName, Path home, int httpPort, Map<String, String> env) {
    }

    private final Options options;
    private EmbeddedDatabase database;
    private HfSimulator simulator;
    private LibertyServer liberty;
    private String jdbcUrl;
    private String dbUser;
    private String dbPassword;
    /** The application's own login (NOVIX_DB_USER); {@link #dbUser} is the owner's, which runs the migrations. */
    private String appUser;
    private String appPassword;
    private String adminToken;
    private String jwtKek;
    private String metricsPassword;
    private int httpsPort;
    private String upstreamUrl;

    public NovixStack(Options options) {
        this.options = options;
    }

    public void start() throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(options.env());
        Files.createDirectories(options.home());
        startDatabase(env);
        startUpstream(env);
        adminToken = Optional.ofNullable(env.get("NOVIX_ADMIN_TOKEN")).orElse(readOrCreateSecret("admin-token", "nvxadm_"));
        env.put("NOVIX_ADMIN_TOKEN", adminToken);
        jwtKek = Optional.ofNullable(env.get("NOVIX_JWT_KEK")).orElse(readOrCreateSecret("jwt-kek", "kek_"));
        env.put("NOVIX_JWT_KEK", jwtKek);
        metricsPassword = Optional.ofNullable(env.get("NOVIX_METRICS_PASSWORD")).orElse(readOrCreateSecret("metrics-password", "mtr_"));
        env.put("NOVIX_METRICS_PASSWORD", metricsPassword);
        env.put("NOVIX_HTTP_PORT", String.valueOf(options.httpPort()));
        // the embedded run also listens on HTTPS, with a key Liberty generates under a password kept in its home
        httpsPort = FreePorts.pick();
        env.putIfAbsent("NOVIX_HTTPS_PORT", String.valueOf(httpsPort));
        env.putIfAbsent("NOVIX_TLS_KEYSTORE_PASSWORD", readOrCreateSecret("tls-keystore-password", "tls_"));
        env.putIfAbsent("NOVIX_ALLOW_PLAIN_HTTP", "true"); // plain HTTP on loopback, for a newcomer's curl
        env.putIfAbsent("NOVIX_ALLOW_PLAIN_SECRETS", "true"); // the embedded stack is for development: a plain HF_API_KEY is accepted
        env.putIfAbsent("NOVIX_HTTP_HOST", "127.0.0.1");
        env.putIfAbsent("NOVIX_PUBLIC_URL", baseUrl());
        env.putIfAbsent("NOVIX_SAML_HTTPS_REQUIRED", "false"); // the embedded stack speaks plain HTTP on loopback
        startLiberty(env);
    }

    private void startDatabase(Map<String, String> env) throws IOException {
        if (env.containsKey("NOVIX_DB_URL")) {
            jdbcUrl = env.get("NOVIX_DB_URL");
            appUser = env.getOrDefault("NOVIX_DB_USER", "novix");
            appPassword = env.getOrDefault("NOVIX_DB_PASSWORD", "");
            dbUser = env.getOrDefault("NOVIX_DB_OWNER_USER", appUser);
            dbPassword = env.getOrDefault("NOVIX_DB_OWNER_PASSWORD", appPassword);
            return;
        }
        database = EmbeddedDatabase.start(options.home().resolve("pgdata"), FreePorts.pick());
        jdbcUrl = database.jdbcUrl();
        dbUser = EmbeddedDatabase.USER;
        dbPassword = EmbeddedDatabase.PASSWORD;
        appUser = "novix_service";
        appPassword = readOrCreateSecret("db-app-password", "db_");
        database.ensureAppLogin(appUser, appPassword);
        databaseEnv(env);
    }

    private void startUpstream(Map<String, String> env) throws IOException {
        // the embedded run's upstream counts as in the demo tenant's region, so that Regional (Enterprise)
        // tenant can call it; a real deployment says where its router's traffic stays (HF_ROUTER_REGION)
        env.putIfAbsent("HF_ROUTER_REGION", LOCAL_REGION);
        if (env.containsKey("HF_ENTERPRISE_ENDPOINT")) {
            upstreamUrl = env.get("HF_ENTERPRISE_ENDPOINT");
            return;
        }
        simulator = HfSimulator.start(0, Optional.ofNullable(env.get("HF_API_KEY")), 0);
        upstreamUrl = simulator.baseUrl();
        env.put("HF_ENTERPRISE_ENDPOINT", upstreamUrl);
    }

    private void startLiberty(Map<String, String> env) throws IOException, InterruptedException {
        liberty = LibertyServer.start(options.wlp(), options.serverName(), options.home(), env,
                options.home().resolve("logs/liberty-console.log"));
        liberty.awaitReady(URI.create(baseUrl() + "/health/ready"), Duration.ofMinutes(4));
    }

    /** Stops Liberty only (PostgreSQL and the upstream keep running), then starts it again. */
    public void restartServer() throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(options.env());
        databaseEnv(env);
        env.put("HF_ENTERPRISE_ENDPOINT", upstreamUrl);
        env.putIfAbsent("HF_ROUTER_REGION", LOCAL_REGION);
        env.put("NOVIX_ADMIN_TOKEN", adminToken);
        env.put("NOVIX_JWT_KEK", jwtKek);
        env.put("NOVIX_METRICS_PASSWORD", metricsPassword);
        env.put("NOVIX_HTTP_PORT", String.valueOf(options.httpPort()));
        env.putIfAbsent("NOVIX_HTTPS_PORT", String.valueOf(httpsPort));
        env.putIfAbsent("NOVIX_TLS_KEYSTORE_PASSWORD", readOrCreateSecret("tls-keystore-password", "tls_"));
        env.putIfAbsent("NOVIX_ALLOW_PLAIN_HTTP", "true");
        env.putIfAbsent("NOVIX_ALLOW_PLAIN_SECRETS", "true");
        env.putIfAbsent("NOVIX_HTTP_HOST", "127.0.0.1");
        env.putIfAbsent("NOVIX_PUBLIC_URL", baseUrl());
        env.putIfAbsent("NOVIX_SAML_HTTPS_REQUIRED", "false"); // the embedded stack speaks plain HTTP on loopback
        liberty.close();
        startLiberty(env);
    }

    /** Where the server finds PostgreSQL: the application's login, and the owner's for the migrations. */
    private void databaseEnv(Map<String, String> env) {
        env.put("NOVIX_DB_URL", jdbcUrl);
        env.put("NOVIX_DB_USER", appUser);
        env.put("NOVIX_DB_PASSWORD", appPassword);
        env.put("NOVIX_DB_OWNER_USER", dbUser);
        env.put("NOVIX_DB_OWNER_PASSWORD", dbPassword);
    }

    /** A secret kept in the home directory (owner-only), created on first use: the admin token, the JWT KEK. */
    private String readOrCreateSecret(String name, String mark) throws IOException {
        Path file = options.home().resolve(name);
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String token = mark + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Files.writeString(file, token, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return token;
    }

    /** The embedded run's HTTPS address (a self-signed key Liberty generated). */
    public String httpsBaseUrl() {
        return "https://127.0.0.1:" + httpsPort;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + options.httpPort();
    }

    public String adminToken() { return adminToken; }
    /** The password of novix-metrics, the one user who may read /metrics (over HTTPS). */
    public String metricsPassword() { return metricsPassword; }
    /** The key-encryption key of the JWT signing keys (tests use it to forge validly signed tokens). */
    public String jwtKek() { return jwtKek; }
    public String upstreamUrl() { return upstreamUrl; }
    public String jdbcUrl() { return jdbcUrl; }
    /** The database owner's login (it runs the migrations; tests and DBAs query as it). */
    public String dbUser() { return dbUser; }
    /** The application's own login: no DDL, and only INSERT and SELECT on the audit trail. */
    public String appUser() { return appUser; }
    public String appPassword() { return appPassword; }
    public String dbPassword() { return dbPassword; }
    public Optional<HfSimulator> simulator() { return Optional.ofNullable(simulator); }
    public Path messagesLog() { return liberty.messagesLog(); }

    /** Kills Liberty's JVM ({@code kill -9}, for the crash tests); PostgreSQL and the upstream keep running. */
    public void killServer() throws InterruptedException {
        liberty.kill();
    }

    /** Stops the embedded PostgreSQL only (an outage, for the fault tests); Novix keeps running. */
    public void stopDatabase() throws IOException {
        if (database == null) {
            throw new IllegalStateException("this stack uses an external PostgreSQL");
        }
        database.close();
    }

    /** Starts the embedded PostgreSQL again on the same port and data. */
    public void startDatabase() throws IOException {
        int port = Integer.parseInt(jdbcUrl.replaceAll("^.*:(\\d+)/.*$", "$1"));
        database = EmbeddedDatabase.start(options.home().resolve("pgdata"), port);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (liberty != null) {
            liberty.close();
        }
        if (simulator != null) {
            simulator.close();
        }
        if (database != null) {
            database.close();
        }
    }
}
