package probe;

import java.io.IOException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * /classic: the same forward through Apache HttpClient 5's classic (blocking) client, configured as
 * hf-client's BlockingPosts, the client Novix's request threads use for whole answers (bench/floor.sh).
 * Not product code.
 */
final class Classic {
    static final CloseableHttpClient CLIENT = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setMaxConnTotal(256).setMaxConnPerRoute(64)
                    .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                    .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).setSoTimeout(Timeout.ofSeconds(30)).build())
                    .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5))
                            .setSocketTimeout(Timeout.ofSeconds(30)).setValidateAfterInactivity(TimeValue.ofSeconds(2)).build())
                    .build())
            .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(30))
                    .setConnectionRequestTimeout(Timeout.ofSeconds(5)).build())
            .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement().disableContentCompression()
            .disableAuthCaching()
            .build();

    static byte[] send(String uri, byte[] body) throws IOException {
        return CLIENT.execute(ClassicRequestBuilder.post(uri).setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON)).build(),
                response -> response.getEntity().getContent().readAllBytes());
    }
}
