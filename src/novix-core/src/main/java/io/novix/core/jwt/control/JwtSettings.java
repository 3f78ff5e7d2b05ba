package io.novix.core.jwt.control;

import io.novix.core.jwt.entity.ClaimRules;
import io.novix.core.jwt.entity.KeySeal;
import io.novix.core.kernel.PublicUrl;
import jakarta.annotation.PostConstruct;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * OAuth2/JWT settings: issuer ({@code NOVIX_JWT_ISSUER}), audience, token lifetime (at most 15
 * minutes), clock leeway, and the key-encryption key {@code NOVIX_JWT_KEK} (a secret, from the
 * environment only). Without the KEK Novix cannot sign, so the token endpoint answers 503.
 */
@OneInstance
public class JwtSettings {

    public static final Duration MAX_LIFETIME = Duration.ofMinutes(15);
    private static final Logger LOG = Logger.getLogger(JwtSettings.class.getName());

    @Inject
    Config config;

    private String issuer;
    private String audience;
    private Duration lifetime;
    private Duration leeway;
    private Duration keyCacheTtl;
    private Optional<KeySeal> seal;
    private ClaimRules rules;

    @PostConstruct
    void load() {
        issuer = config.getOptionalValue("novix.jwt.issuer", String.class).orElse("https://novix.local/oauth2");
        audience = config.getOptionalValue("novix.jwt.audience", String.class).orElse("novix");
        lifetime = config.getOptionalValue("novix.jwt.ttl", Duration.class).orElse(Duration.ofMinutes(10));
        if (lifetime.compareTo(MAX_LIFETIME) > 0 || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("NOVIX_JWT_TTL must be between PT1S and PT15M, was " + lifetime);
        }
        leeway = config.getOptionalValue("novix.jwt.leeway", Duration.class).orElse(Duration.ofSeconds(30));
        keyCacheTtl = config.getOptionalValue("novix.jwt.key-cache-ttl", Duration.class).orElse(Duration.ofSeconds(2));
        // a token is accepted for at most the longest lifetime any Novix token may have, whatever the TTL in force
        rules = new ClaimRules(issuer, audience, MAX_LIFETIME, leeway);
        Optional<String> kek = config.getOptionalValue("NOVIX_JWT_KEK", String.class);
        seal = kek.map(KeySeal::new);
        if (seal.isEmpty()) {
            LOG.warning("NOVIX_JWT_KEK is not set: service accounts cannot obtain JWTs (POST /oauth2/token answers 503)");
        }
    }

    public ClaimRules rules() {
        return rules;
    }

    public String issuer() { return issuer; }
    /** Where the token endpoint and the JWKS are published (from configuration, never the Host header). */
    public String publicUrl() { return PublicUrl.of(config); }
    public String audience() { return audience; }
    public Duration lifetime() { return lifetime; }
    public Duration keyCacheTtl() { return keyCacheTtl; }
    public Optional<KeySeal> seal() { return seal; }
}
