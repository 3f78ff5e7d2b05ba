package it.novix;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's HAProxy in front of Novix instances on loopback, as an operator runs it: HTTP mode, each
 * request balanced round-robin, instances checked on MicroProfile Health's readiness every second
 * (down after three failures: a check may wait 2 s on a loaded machine),
 * a refused connection retried on another instance (never a request that reached one).
 * {@code .ci/run} installs the package; without it the test fails, it is not skipped.
 */
final class HaProxy implements AutoCloseable {

    private final Process process;
    private final int port;

    private HaProxy(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static HaProxy start(Path dir, List<String> instances) throws IOException, InterruptedException {
        Path binary = Path.of("/usr/sbin/haproxy");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("HAProxy is not installed (apt-get install haproxy; .ci/run does it)");
        }
        int port = FreePort.pick();
        StringBuilder cfg = new StringBuilder("""
                global
                  maxconn 8192
                defaults
                  mode http
                  timeout connect 2s
                  timeout client 120s
                  timeout server 120s
                  timeout check 2s
                  retries 2
                  option redispatch 1
                  # a new server connection per request: a dead instance then shows as a refused connect, which
                  # HAProxy retries on a survivor; a kept connection to it would answer 502 with no retry
                  option http-server-close
                frontend novix
                """)
                .append("  bind 127.0.0.1:").append(port).append('\n')
                .append("""
                  default_backend instances
                backend instances
                  balance roundrobin
                  option httpchk GET /health/ready
                  http-check expect status 200
                  default-server inter 1s fall 3 rise 2
                """);
        for (int i = 0; i < instances.size(); i++) {
            cfg.append("  server n").append(i).append(' ').append(instances.get(i).replaceFirst("^https?://", "")).append(" check\n");
        }
        Files.createDirectories(dir);
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, cfg);
        Process p = new ProcessBuilder(binary.toString(), "-f", file.toString(), "-db")
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        HaProxy lb = new HaProxy(p, port);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!lb.listening()) {
            if (!p.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("HAProxy did not start: " + Files.readString(dir.resolve("haproxy.log")));
            }
            Thread.sleep(10); // a poll, not a spin: the server under test has two cores
        }
        return lb;
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** A free loopback port, as the stacks pick theirs. */
    private static final class FreePort {
        static int pick() throws IOException {
            try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            }
        }
    }
}
