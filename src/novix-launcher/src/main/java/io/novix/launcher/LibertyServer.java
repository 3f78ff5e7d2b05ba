package io.novix.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The Novix Liberty server as a child process: {@code wlp/bin/server run <name>}. */
public final class LibertyServer implements AutoCloseable {

    private final Path wlp;
    private final Path userDir;
    private final String name;
    private final Process process;
    private final Path consoleLog;

    private LibertyServer(Path wlp, Path userDir, String name, Process process, Path consoleLog) {
        this.wlp = wlp;
        this.userDir = userDir;
        this.name = name;
        this.process = process;
        this.consoleLog = consoleLog;
    }

    /** Starts the server from a private copy of the user directory under {@code home}. */
    public static LibertyServer start(Path wlp, String name, Path home, Map<String, String> env, Path consoleLog) throws IOException {
        Path script = wlp.resolve("bin/server");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("No Liberty runtime at " + wlp + " (build it first: mvn -DskipTests install)");
        }
        Files.createDirectories(consoleLog.getParent());
        Path userDir = UserDirectory.prepare(wlp, home);
        ProcessBuilder pb = new ProcessBuilder(List.of(script.toString(), "run", name))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()));
        pb.environment().putAll(env);
        pb.environment().put("WLP_USER_DIR", userDir.toString());
        return new LibertyServer(wlp, userDir, name, pb.start(), consoleLog);
    }

    /** Polls the readiness endpoint until it answers 200, the process dies, or the deadline passes. */
    public void awaitReady(URI readiness, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String failure = applicationFailure();
            if (failure != null) {
                throw new IllegalStateException("Novix did not start: " + failure);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Liberty exited with " + process.exitValue() + "; see " + consoleLog
                        + " and " + messagesLog());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            process.waitFor(250, TimeUnit.MILLISECONDS); // poll interval; returns early if the server dies
        }
        throw new IllegalStateException("Liberty not ready after " + timeout + "; see " + consoleLog);
    }

    /** The first application start failure Liberty logged (CWWKZ0002E and what caused it), or null. */
    private String applicationFailure() throws IOException {
        Path log = messagesLog();
        if (!Files.exists(log)) {
            return null;
        }
        List<String> lines = Files.readAllLines(log);
        for (String line : lines) {
            if (line.contains("CWWKZ0002E") || line.contains("CWWKZ0106E")) {
                return lines.stream().filter(l -> l.contains("Invalid configuration") || l.contains("CWWKZ0002E"))
                        .findFirst().orElse(line);
            }
        }
        return null;
    }

    public Path messagesLog() {
        return userDir.resolve("servers/" + name + "/logs/messages.log");
    }

    /** Kills the server's JVM without warning (SIGKILL, like {@code kill -9}): no shutdown hook, no last commit. */
    public void kill() throws InterruptedException {
        List<ProcessHandle> jvm = process.descendants().toList(); // the script's java, and anything it started
        jvm.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
        for (ProcessHandle child : jvm) {
            try {
                child.onExit().get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("process " + child.pid() + " survived SIGKILL", e);
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        ProcessBuilder pb = new ProcessBuilder(wlp.resolve("bin/server").toString(), "stop", name)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("WLP_USER_DIR", userDir.toString());
        Process stop = pb.start();
        stop.waitFor(90, TimeUnit.SECONDS);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
