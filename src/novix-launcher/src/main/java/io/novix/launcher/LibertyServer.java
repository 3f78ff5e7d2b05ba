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
    private final String name;
    private final Process process;
    private final Path consoleLog;

    private LibertyServer(Path wlp, String name, Process process, Path consoleLog) {
        this.wlp = wlp;
        this.name = name;
        this.process = process;
        this.consoleLog = consoleLog;
    }

    public static LibertyServer start(Path wlp, String name, Map<String, String> env, Path consoleLog) throws IOException {
        Path script = wlp.resolve("bin/server");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("No Liberty runtime at " + wlp + " (build it first: mvn -DskipTests install)");
        }
        Files.createDirectories(consoleLog.getParent());
        ProcessBuilder pb = new ProcessBuilder(List.of(script.toString(), "run", name))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()));
        pb.environment().putAll(env);
        return new LibertyServer(wlp, name, pb.start(), consoleLog);
    }

    /** Polls the readiness endpoint until it answers 200, the process dies, or the deadline passes. */
    public void awaitReady(URI readiness, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Liberty exited with " + process.exitValue() + "; see " + consoleLog
                        + " and " + wlp.resolve("usr/servers/" + name + "/logs/messages.log"));
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

    public Path messagesLog() {
        return wlp.resolve("usr/servers/" + name + "/logs/messages.log");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        Process stop = new ProcessBuilder(wlp.resolve("bin/server").toString(), "stop", name)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        stop.waitFor(90, TimeUnit.SECONDS);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
