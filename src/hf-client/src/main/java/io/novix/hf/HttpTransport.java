package io.novix.hf;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import javax.net.ssl.SSLContext;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;

/**
 * The HTTP/1.1 connections to the upstreams: Eclipse Jetty's client, one per process, shared by
 * every {@link HfClient} (a pool of kept-alive connections per host, one selector, a bounded pool
 * of threads). Jetty rather than the JDK's {@code HttpClient}: on one connection the JDK client
 * cost 0.5 ms p50 / 1.2 ms p99 per call over a raw socket, and 1.4 ms p50 after 20 ms of idleness
 * (its stages hop threads), Jetty's 0.07 / 0.3 ms (docs/decisions.md). The thread that reads an
 * answer goes on to run the caller's continuation while another takes over the selector, so a call
 * wakes one thread, not four.
 */
public final class HttpTransport implements AutoCloseable {

    /** Calls in flight to one upstream host: the gateway's own bulkheads bound them long before this. */
    static final int MAX_CONNECTIONS_PER_HOST = 16_384;

    private final HttpClient jetty;

    /**
     * {@code threads}: where the pool's threads come from (a container's managed threads), or
     * {@code null} for plain ones; {@code maxThreads} bounds them.
     */
    public HttpTransport(Duration connectTimeout, int maxThreads, ThreadFactory threads) {
        int max = Math.max(8, maxThreads);
        QueuedThreadPool pool = threads == null ? new QueuedThreadPool(max, 2)
                : new QueuedThreadPool(max, 2, 60_000, -1, null, null, threads);
        pool.setName("novix-upstream");
        ClientConnector connector = new ClientConnector();
        connector.setExecutor(pool);
        SslContextFactory.Client tls = new SslContextFactory.Client(); // host name verification on (Jetty's default)
        connector.setSslContextFactory(tls);
        jetty = new HttpClient(new HttpClientTransportOverHTTP(connector));
        jetty.setExecutor(pool);
        jetty.setConnectTimeout(connectTimeout.toMillis());
        jetty.setMaxConnectionsPerDestination(MAX_CONNECTIONS_PER_HOST);
        jetty.setMaxRequestsQueuedPerDestination(MAX_CONNECTIONS_PER_HOST);
        jetty.setFollowRedirects(false); // an upstream's redirect is its answer, never followed with the key
        jetty.setUserAgentField(null);
        try {
            tls.setSslContext(SSLContext.getDefault()); // the JVM's trust, as the JDK's client had
            jetty.start();
            // no handling of 401/407 challenges, redirects or 100-continue (start installs them): an upstream's status is
            // its answer, classified by HfClient
            jetty.getProtocolHandlers().clear();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no TLS context", e);
        } catch (Exception e) {
            throw new IllegalStateException("the upstream HTTP client did not start", e);
        }
    }

    HttpClient jetty() {
        return jetty;
    }

    /** Closes every upstream connection; calls in flight fail. */
    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            // stopping releases sockets and threads; nothing to do if it fails half-way
        }
    }
}
