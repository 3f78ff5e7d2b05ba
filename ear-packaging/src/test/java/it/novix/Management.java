package it.novix;

import io.novix.launcher.NovixStack;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** What an operator's scraper does: /metrics over HTTPS as novix-metrics (the Reader role). */
final class Management {

    private Management() {
    }

    static Api.Answer metrics(NovixStack stack, String scope) throws Exception {
        return get(stack.httpsBaseUrl() + "/metrics?scope=" + scope, "novix-metrics", stack.metricsPassword());
    }

    static Api.Answer get(String url, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> r = HttpClient.newBuilder().sslContext(trustingTheGeneratedKey()).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Api.Answer(r.statusCode(), r.body(), r);
    }

    /** The embedded key is self-signed: tests trust it; clients in production trust a real certificate. */
    static SSLContext trustingTheGeneratedKey() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[]{new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        return context;
    }
}
