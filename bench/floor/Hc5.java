package probe;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.reactor.IOReactorConfig;

/** /hc5: the same forward through Apache HttpClient 5's asynchronous client (bench/floor.sh). Not product code. */
final class Hc5 {
    static final CloseableHttpAsyncClient CLIENT = HttpAsyncClients.custom()
            .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create().setMaxConnTotal(4096).setMaxConnPerRoute(4096).build())
            .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(Integer.getInteger("floor.hc5.threads", 2)).setTcpNoDelay(true).build())
            .disableCookieManagement().disableAutomaticRetries().disableRedirectHandling()
            .build();
    static { CLIENT.start(); }

    static void send(String uri, byte[] body, AsyncContext ac) {
        SimpleHttpRequest request = SimpleRequestBuilder.post(uri).setBody(body, ContentType.APPLICATION_JSON).build();
        CLIENT.execute(request, new FutureCallback<SimpleHttpResponse>() {
            public void completed(SimpleHttpResponse r) { write(ac, r.getBodyBytes(), 200); }
            public void failed(Exception e) { write(ac, null, 502); }
            public void cancelled() { write(ac, null, 502); }
        });
    }

    static void write(AsyncContext ac, byte[] answer, int status) {
        try {
            HttpServletResponse out = (HttpServletResponse) ac.getResponse();
            out.setStatus(status);
            if (answer != null) {
                out.setContentType("application/json");
                out.setContentLength(answer.length);
                out.getOutputStream().write(answer);
            }
        } catch (IOException io) { /* client gone */ } finally { ac.complete(); }
    }
}
