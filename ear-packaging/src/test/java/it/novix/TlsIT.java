package it.novix;

import io.novix.launcher.NovixStack;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hardening class 8, transport: the embedded run also serves HTTPS (TLS 1.3 and 1.2) with HSTS on
 * its answers, and a production start without a keystore is refused unless plain HTTP is allowed.
 */
class TlsIT {

    @Test
    void theEmbeddedRunServesTls12And13WithHsts() throws Exception {
        NovixStack stack = Stacks.shared();
        for (String protocol : new String[]{"TLSv1.3", "TLSv1.2"}) {
            HttpClient http = HttpClient.newBuilder().sslContext(Management.trustingTheGeneratedKey())
                    .sslParameters(new SSLParameters(null, new String[]{protocol})).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(stack.httpsBaseUrl() + "/v1/models"))
                    .header("Authorization", "Bearer " + stack.adminToken()).build(), HttpResponse.BodyHandlers.ofString());
            SSLSession session = r.sslSession().orElseThrow();
            assertEquals(protocol, session.getProtocol());
            assertTrue(r.headers().firstValue("Strict-Transport-Security").orElse("").contains("max-age="),
                    "HSTS over HTTPS: " + r.headers().map());
        }
    }

    @Test
    void productionWithoutAKeystoreDoesNotStart() {
        Map<String, String> env = Stacks.testEnv();
        env.put("NOVIX_ALLOW_PLAIN_HTTP", "false");
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> {
            try (NovixStack stack = Stacks.create("no-tls", env)) {
                stack.start();
            }
        });
        assertTrue(failure.getMessage().contains("NOVIX_TLS_KEYSTORE"), failure.getMessage());
    }
}
