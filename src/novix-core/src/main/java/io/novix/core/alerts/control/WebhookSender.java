package io.novix.core.alerts.control;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Posts one webhook delivery. MicroProfile Fault Tolerance retries a failed post twice at once
 * (with jitter) and bounds each attempt; what still fails is retried later from PostgreSQL with
 * backoff (BudgetAlertDelivery). No circuit breaker: MicroProfile's breaker is per method, so one
 * tenant's dead receiver would stop every tenant's alerts (docs/decisions.md).
 */
@ApplicationScoped
public class WebhookSender {

    /** A delivery the receiver did not take: its HTTP status (0 when there was no answer). */
    public static final class Refused extends Exception {
        private final int status;

        public Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** The receiver's 2xx status; a redirect is a refusal (a webhook is not followed elsewhere). */
    @Retry(maxRetries = 2, delay = 200, jitter = 100, delayUnit = ChronoUnit.MILLIS, retryOn = Refused.class)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public int post(URI url, byte[] body, Map<String, String> headers) throws Refused {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(8))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<Void> answer = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() / 100 != 2) {
                throw new Refused(answer.statusCode(), "the receiver answered " + answer.statusCode());
            }
            return answer.statusCode();
        } catch (IOException e) {
            throw new Refused(0, "no answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(0, "interrupted");
        }
    }
}
