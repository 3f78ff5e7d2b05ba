package io.novix.core.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Production refuses to start without TLS (as Keycloak does): a keystore must be configured
 * ({@code NOVIX_TLS_KEYSTORE} and its password) unless plain HTTP is explicitly allowed
 * ({@code NOVIX_ALLOW_PLAIN_HTTP=true}, which the embedded run sets for loopback).
 */
@Singleton
@Startup
public class TransportCheck {

    @Inject
    @ConfigProperty(name = "NOVIX_TLS_KEYSTORE") // by its variable's name: server.xml's default for novix.tls.keystore is not a keystore choice
    Optional<String> keystore;

    @Inject
    @ConfigProperty(name = "NOVIX_TLS_KEYSTORE_PASSWORD")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "novix.allow-plain-http", defaultValue = "false")
    boolean plainHttpAllowed;

    @PostConstruct
    void check() {
        String problem = problem(keystore.filter(s -> !s.isBlank()).isPresent(),
                password.filter(s -> !s.isBlank()).isPresent(), plainHttpAllowed);
        if (problem != null) {
            throw new IllegalStateException("Invalid configuration: " + problem);
        }
    }

    /** Why this transport configuration may not start, or null. */
    static String problem(boolean hasKeystore, boolean hasPassword, boolean plainHttpAllowed) {
        if (hasKeystore && !hasPassword) {
            return "NOVIX_TLS_KEYSTORE is set but NOVIX_TLS_KEYSTORE_PASSWORD is not";
        }
        if (!hasKeystore && !plainHttpAllowed) {
            return "NOVIX_TLS_KEYSTORE is not set: production serves HTTPS (TLS 1.2+); set NOVIX_TLS_KEYSTORE and "
                    + "NOVIX_TLS_KEYSTORE_PASSWORD, or NOVIX_ALLOW_PLAIN_HTTP=true behind a TLS-terminating proxy";
        }
        return null;
    }
}
