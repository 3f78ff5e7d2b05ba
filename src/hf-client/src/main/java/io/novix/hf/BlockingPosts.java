package io.novix.hf;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Whole answers fetched on the caller's own thread, over Apache HttpClient 5's classic (blocking)
 * client with pooled keep-alive connections: used only where {@link CallerWaits} says the thread's
 * caller waits anyway, so no answer crosses threads on its way back. One instance serves every
 * endpoint (a pool per host, at most {@code connections} each); the gateway bounds the threads that
 * may wait, so the pool never runs dry. No retries, redirects, cookies or decompression of its own:
 * {@link HfClient} retries, and the answer's bytes stay as the upstream sent them.
 */
public final class BlockingPosts implements AutoCloseable {

    private final CloseableHttpClient http;

    public BlockingPosts(int connections, Duration connectTimeout, Duration readTimeout) {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1");
        }
        Timeout connect = Timeout.of(connectTimeout);
        Timeout read = Timeout.of(readTimeout);
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(connections * 4)
                        .setMaxConnPerRoute(connections)
                        // per-route pools without the strict policy's one lock: the gateway bounds the waiting threads anyway
                        .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                        .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).setSoTimeout(read).build())
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect)
                                .setSocketTimeout(read)
                                // a keep-alive connection the upstream may have closed is checked before reuse
                                .setValidateAfterInactivity(TimeValue.ofSeconds(2)).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(read)
                        .setConnectionRequestTimeout(connect).build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching()
                .build();
    }

    /**
     * One POST, blocking this thread until the answer is read whole (up to {@code limit} bytes).
     * Failures are thrown as they come; {@link HfClient} classifies them like the asynchronous client's.
     */
    Answer post(URI target, Map<String, String> headers, byte[] body, long limit, Iterable<String> kept) throws IOException {
        ClassicRequestBuilder request = ClassicRequestBuilder.post(target).setEntity(new ByteArrayEntity(body, null));
        headers.forEach(request::addHeader);
        return http.execute(request.build(), response -> read(response, limit, kept));
    }

    private static Answer read(ClassicHttpResponse response, long limit, Iterable<String> kept) throws IOException {
        Map<String, String> headers = Answer.kept(kept, response);
        HttpEntity entity = response.getEntity();
        byte[] bytes = new byte[0];
        if (entity != null) {
            // not closed here when too large: the client then drops the connection instead of reading the rest
            InputStream in = entity.getContent();
            long declared = entity.getContentLength();
            // a declared length is read into one array of that size (JDK 17's readNBytes otherwise starts with an 8 KiB
            // array and copies it; bench/RESULTS.md)
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, declared >= 0 && declared <= limit ? declared : limit + 1));
            if (bytes.length > limit) {
                throw new BoundedBody.TooLarge(limit);
            }
        }
        return new Answer(response.getCode(), headers, bytes);
    }

    @Override
    public void close() {
        http.close(CloseMode.IMMEDIATE);
    }
}
