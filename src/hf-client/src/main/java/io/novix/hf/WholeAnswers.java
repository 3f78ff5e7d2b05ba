package io.novix.hf;

import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.Message;
import org.apache.hc.core5.http.nio.entity.AbstractBinAsyncEntityConsumer;
import org.apache.hc.core5.http.nio.support.BasicResponseConsumer;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;

/**
 * The transport for answers read whole (every call but a stream): Apache HttpClient 5's
 * asynchronous client on a small I/O reactor shared by all endpoints (a pool per host). The JDK
 * HttpClient costs far more per call here (bench/floor.sh: 0.42 × nginx against 0.58 × at 64
 * connections, docs/decisions.md); streams stay on it for its line subscriber.
 */
public final class WholeAnswers implements AutoCloseable {

    /** An answer as it came: status, the headers asked for, the body read up to its bound. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }
    }

    private final CloseableHttpAsyncClient http;

    private WholeAnswers(CloseableHttpAsyncClient http) {
        this.http = http;
        http.start();
    }

    /**
     * A started transport. {@code threads} makes its reactor threads (a container's managed factory
     * in the gateway); no connection limit of its own: the gateway's bulkheads and limits bound calls.
     */
    public static WholeAnswers start(ThreadFactory threads, int ioThreads, Duration connectTimeout) {
        var connections = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(Integer.MAX_VALUE).setMaxConnPerRoute(Integer.MAX_VALUE)
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.of(connectTimeout)).build())
                .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
                .build();
        return new WholeAnswers(HttpAsyncClients.custom()
                .setConnectionManager(connections)
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(ioThreads).setTcpNoDelay(true).build())
                .setThreadFactory(threads)
                .disableAutomaticRetries() // HfClient retries, with its own budget and backoff
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableConnectionState()
                .build());
    }

    /** A transport of its own, on daemon threads (tests, tools). */
    static WholeAnswers standalone(Duration connectTimeout) {
        return start(r -> {
            Thread t = new Thread(r, "hf-client-io");
            t.setDaemon(true);
            return t;
        }, 1, connectTimeout);
    }

    /**
     * POSTs {@code body}; completes with the answer, or exceptionally with the transport's failure
     * ({@link BoundedBody.TooLarge} past {@code maxBytes}). {@code timeout} bounds the upstream's silence.
     * Completes on a reactor thread: callers move their work elsewhere.
     */
    CompletableFuture<Answer> post(URI target, String contentType, byte[] body, Map<String, String> headers,
                                   Duration timeout, long maxBytes, Iterable<String> keptHeaders) {
        SimpleRequestBuilder builder = SimpleRequestBuilder.post(target).setBody(body, ContentType.parse(contentType));
        headers.forEach(builder::addHeader);
        SimpleHttpRequest request = builder.build();
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout)).build());
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        http.execute(SimpleRequestProducer.create(request), new BasicResponseConsumer<>(new Bounded(maxBytes)), null, context,
                new FutureCallback<Message<HttpResponse, byte[]>>() {
                    @Override
                    public void completed(Message<HttpResponse, byte[]> m) {
                        Map<String, String> kept = new java.util.HashMap<>();
                        for (String name : keptHeaders) {
                            Header h = m.getHead().getFirstHeader(name);
                            if (h != null) {
                                kept.put(name, h.getValue());
                            }
                        }
                        answer.complete(new Answer(m.getHead().getCode(), kept, m.getBody() == null ? new byte[0] : m.getBody()));
                    }

                    @Override
                    public void failed(Exception e) {
                        answer.completeExceptionally(e);
                    }

                    @Override
                    public void cancelled() {
                        answer.completeExceptionally(new java.util.concurrent.CancellationException("upstream call cancelled"));
                    }
                });
        return answer;
    }

    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
    }

    /** The body up to a bound: past it the exchange fails and its connection is dropped. */
    private static final class Bounded extends AbstractBinAsyncEntityConsumer<byte[]> {
        private final long limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Bounded(long limit) {
            this.limit = limit;
        }

        @Override
        protected void streamStart(ContentType contentType) {
        }

        @Override
        protected int capacityIncrement() {
            return 64 * 1024;
        }

        @Override
        protected void data(ByteBuffer src, boolean endOfStream) throws BoundedBody.TooLarge {
            if (bytes.size() + (long) src.remaining() > limit) {
                throw new BoundedBody.TooLarge(limit);
            }
            if (src.hasArray()) {
                bytes.write(src.array(), src.arrayOffset() + src.position(), src.remaining());
                src.position(src.limit());
            } else {
                byte[] chunk = new byte[src.remaining()];
                src.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        protected byte[] generateContent() {
            return bytes.toByteArray();
        }

        @Override
        public void releaseResources() {
        }
    }
}
