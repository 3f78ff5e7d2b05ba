package io.novix.launcher;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs Novix on the embedded defaults in the foreground until interrupted: a real PostgreSQL,
 * the local Hugging Face upstream, the Liberty server, and a demo tenant with a token.
 * {@code --wlp <dir> --server <name>}; NOVIX_HOME (default ~/.novix), NOVIX_HTTP_PORT (default 9080).
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        Path home = Path.of(env.getOrDefault("NOVIX_HOME", System.getProperty("user.home") + "/.novix")).toAbsolutePath();
        int port = Integer.parseInt(env.getOrDefault("NOVIX_HTTP_PORT", "9080"));
        Path wlp = Path.of(opts.getOrDefault("--wlp", "ear-packaging/target/liberty/wlp")).toAbsolutePath();
        NovixStack stack = new NovixStack(new NovixStack.Options(wlp, opts.getOrDefault("--server", "novix"), home, port, env));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stack.close();
            } catch (Exception e) {
                System.err.println("Novix: error while stopping: " + e);
            }
            stopped.countDown();
        }, "novix-shutdown"));
        System.out.println("Novix: starting (PostgreSQL data in " + home.resolve("pgdata") + ") ...");
        stack.start();
        String demoToken = new DemoTenant(stack.baseUrl(), stack.adminToken(), stack.upstreamUrl()).ensureToken(home.resolve("demo-token"));
        System.out.println("Novix URL: " + stack.baseUrl());
        System.out.println("Novix HTTPS URL: " + stack.httpsBaseUrl() + " (self-signed key, generated)");
        System.out.println("Demo token: " + demoToken);
        System.out.println("Admin token file: " + home.resolve("admin-token"));
        System.out.println("Console: " + stack.baseUrl() + "/console/ (sign in with the admin token, or a tenant admin's token)");
        System.out.println("Metrics: " + stack.httpsBaseUrl() + "/metrics (user novix-metrics, password in "
                + home.resolve("metrics-password") + ")");
        System.out.println("Database: " + stack.jdbcUrl() + " (user " + stack.dbUser() + ")");
        System.out.println("Upstream: " + stack.upstreamUrl());
        System.out.println("Server log: " + stack.messagesLog());
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }
}
