package io.novix.hf;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one Hugging Face upstream. Defaults follow the product notes: connect 3.05 s,
 * read 30 s, 5 retries with exponential backoff from 0.5 s.
 */
public record HfClientConfig(URI baseUrl, Optional<String> apiKey, Duration connectTimeout,
                             Duration readTimeout, int maxRetries, Duration backoffBase,
                             Duration backoffMax, Duration maxLoadingWait) {

    public HfClientConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("base URL must be http or https: " + baseUrl);
        }
        apiKey = apiKey == null ? Optional.empty() : apiKey.filter(k -> !k.isBlank());
        if (maxRetries < 0 || maxRetries > 20) {
            throw new IllegalArgumentException("maxRetries must be between 0 and 20");
        }
    }

    public static HfClientConfig defaults(URI baseUrl, Optional<String> apiKey, int maxRetries) {
        return new HfClientConfig(baseUrl, apiKey, Duration.ofMillis(3050), Duration.ofSeconds(30),
                maxRetries, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofSeconds(60));
    }

    public HfClientConfig withBackoff(Duration base, Duration max) {
        return new HfClientConfig(baseUrl, apiKey, connectTimeout, readTimeout, maxRetries, base, max, maxLoadingWait);
    }

    /** Never print the key. */
    @Override
    public String toString() {
        return "HfClientConfig[baseUrl=" + baseUrl + ", apiKey=" + (apiKey.isPresent() ? "***" : "none")
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", maxRetries=" + maxRetries + "]";
    }
}
