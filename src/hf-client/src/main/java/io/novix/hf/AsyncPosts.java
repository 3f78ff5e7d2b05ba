package io.novix.hf;

import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityProducer;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;

/**
 * Whole answers for callers that do not wait on their own thread (calls past the request threads'
 * bound, task calls), over Apache HttpClient 5's asynchronous client: a few I/O reactor threads read
 * every connection, and an answer crosses to the caller's executor once ({@link HfClient}). Chosen
 * over the JDK HttpClient for these calls because it costs less CPU a call, which is what 2,000 calls
 * in flight on a few cores are short of (bench/RESULTS.md, docs/decisions.md); streams stay on the JDK
 * client. Like {@link BlockingPosts}: no retries, redirects, cookies or decompression of its own.
 */
public final class AsyncPosts implements AutoCloseable {

    /** Idle keep-alive connections are closed after this: a burst's thousand connections do not stay for ever. */
    static final TimeValue IDLE = TimeValue.ofSeconds(60);

    /** Each connection's input and output buffer (bytes). */
    static final int BUFFER = 4096;

    private final CloseableHttpAsyncClient http;

    /**
     * @param connections the most connections to one endpoint; above it a call waits up to the connect timeout for one
     * @param threads     where the reactor's I/O threads come from (the container's managed factory in Novix)
     */
    public AsyncPosts(int connections, Duration connectTimeout, Duration readTimeout, ThreadFactory threads) {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1");
        }
        Timeout connect = Timeout.of(connectTimeout);
        Timeout read = Timeout.of(readTimeout);
        var builder = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(connections * 4)
                        .setMaxConnPerRoute(connections)
                        .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect)
                                .setSocketTimeout(read).setValidateAfterInactivity(TimeValue.ofSeconds(2)).build())
                        // HTTP/1.1 as the JDK client is configured: one answer a connection, no multiplexing surprises
                        .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
                        .build())
                .setIOReactorConfig(IOReactorConfig.custom().setTcpNoDelay(true).build())
                // each connection keeps an input and an output buffer for life, 32 KiB each by default: 128 MiB of heap for
                // the 2,000 connections of a burst. 4 KiB, as the JDK client's (liberty/jvm.options); a longer answer is
                // read in more slices, a longer header line grows its buffer
                .setHttp1Config(Http1Config.custom().setBufferSize(BUFFER).build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(read)
                        .setConnectionRequestTimeout(connect).build())
                .evictIdleConnections(IDLE)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching();
        if (threads != null) {
            builder.setThreadFactory(threads);
        }
        this.http = builder.build();
        http.start();
    }

    /**
     * One POST, its answer read whole up to {@code limit} bytes. The future completes on a reactor
     * thread, which must go on reading: the caller moves off it before any work of its own.
     */
    CompletableFuture<Answer> post(URI target, Map<String, String> headers, byte[] body, long limit, Iterable<String> kept) {
        AsyncRequestBuilder request = AsyncRequestBuilder.post(target).setEntity(new BasicAsyncEntityProducer(body, (ContentType) null));
        headers.forEach(request::addHeader);
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        http.execute(request.build(), new Whole(limit, kept), new FutureCallback<>() {
            @Override
            public void completed(Answer result) {
                answer.complete(result);
            }

            @Override
            public void failed(Exception error) {
                answer.completeExceptionally(error);
            }

            @Override
            public void cancelled() {
                answer.completeExceptionally(new IOException("the upstream exchange was cancelled"));
            }
        });
        return answer;
    }

    /** Reads an answer into memory; past the bound it fails with {@link BoundedBody.TooLarge} and the connection is dropped. */
    static final class Whole extends AbstractBinResponseConsumer<Answer> {

        /** The largest array allocated from a declared length alone (a chat answer is a few KiB). */
        static final int EXACT_UP_TO = 256 * 1024;

        private final long limit;
        private final Iterable<String> kept;
        private Map<String, String> headers = Map.of();
        private byte[] bytes;
        private int size;
        private int status;

        Whole(long limit, Iterable<String> kept) {
            this.limit = limit;
            this.kept = kept;
        }

        @Override
        protected void start(HttpResponse response, ContentType contentType) {
            status = response.getCode();
            headers = Answer.kept(kept, response);
            Header length = response.getFirstHeader("Content-Length");
            long declared = length == null ? -1 : parse(length.getValue());
            bytes = new byte[initialCapacity(declared, limit)];
        }

        @Override
        protected int capacityIncrement() {
            return Integer.MAX_VALUE; // bounded by the limit below, not by flow control
        }

        @Override
        protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
            int n = src.remaining();
            if (size + (long) n > limit) {
                throw new BoundedBody.TooLarge(limit);
            }
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max(size + n, 2L * bytes.length)));
            }
            src.get(bytes, size, n);
            size += n;
        }

        @Override
        protected Answer buildResult() {
            return new Answer(status, headers, size == bytes.length ? bytes : Arrays.copyOf(bytes, size));
        }

        @Override
        public void releaseResources() {
            // nothing held beyond the buffer, which the result owns
        }

        /**
         * A declared length within the bound is read into one array of that size, handed on without a copy; but no
         * more than {@link #EXACT_UP_TO} is taken on the upstream's word before its bytes arrive, or a header alone
         * could make every call in flight allocate the whole bound.
         */
        static int initialCapacity(long declared, long limit) {
            return declared >= 0 && declared <= limit ? (int) Math.min(declared, EXACT_UP_TO) : 1024;
        }

        private static long parse(String value) {
            try {
                return Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    @Override
    public void close() {
        http.close(CloseMode.IMMEDIATE);
    }
}
