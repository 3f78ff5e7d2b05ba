package io.novix.core.access.boundary;

import jakarta.annotation.PostConstruct;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The platform administrator's bootstrap credential: {@code NOVIX_ADMIN_TOKEN} from the
 * environment (at least 32 characters). Without it the admin API refuses everyone.
 */
@OneInstance
public class AdminAuthenticator {

    public static final String PRINCIPAL = "platform-admin";
    private static final Logger LOG = Logger.getLogger(AdminAuthenticator.class.getName());

    @Inject
    Config config;

    private byte[] expected;

    @PostConstruct
    void load() {
        Optional<String> token = config.getOptionalValue("NOVIX_ADMIN_TOKEN", String.class).map(String::strip);
        if (token.isEmpty() || token.get().length() < 32) {
            LOG.warning("NOVIX_ADMIN_TOKEN is not set (or shorter than 32 characters): the admin API is disabled");
            expected = null;
        } else {
            expected = digest(token.get());
        }
    }

    /** Constant-time comparison of digests, so neither length nor content leaks through timing. */
    public boolean isAdmin(String authorizationHeader) {
        if (expected == null || authorizationHeader == null
                || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(expected, digest(authorizationHeader.substring(7).strip()));
    }

    /** The bootstrap token known by its SHA-256 only (a console session's): still the configured one? */
    public boolean isAdminHash(byte[] presented) {
        return expected != null && presented != null && MessageDigest.isEqual(expected, presented);
    }

    /** The SHA-256 of a bearer credential as presented (what {@link #isAdminHash} compares). */
    public static byte[] digestOf(String token) {
        return digest(token.strip());
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
