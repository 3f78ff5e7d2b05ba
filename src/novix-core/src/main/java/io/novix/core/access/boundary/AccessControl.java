package io.novix.core.access.boundary;

import io.novix.core.access.entity.AccessDecision;
import io.novix.core.access.entity.Operation;
import io.novix.core.platform.boundary.AdminAuthenticator;
import io.novix.core.sso.boundary.Sessions;
import io.novix.core.token.boundary.TokenAuthenticator;
import io.novix.core.token.entity.Authentication;
import io.novix.core.token.entity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.UUID;

/**
 * The single enforcement point of the admin, audit and identity APIs: identifies the caller from
 * any Novix credential (the platform bootstrap token, an API token, a service account's JWT) and
 * applies the permission matrix and tenant scoping.
 */
@ApplicationScoped
public class AccessControl {

    @Inject
    AdminAuthenticator admins;

    @Inject
    TokenAuthenticator tokens;

    @Inject
    Sessions sessions;

    public Authentication identify(String authorization, Instant now) {
        if (admins.isAdmin(authorization)) {
            return Authentication.granted(Caller.platformAdmin(AdminAuthenticator.PRINCIPAL));
        }
        return tokens.authenticate(authorization, now);
    }

    /**
     * A bearer credential if there is one, else the session cookie of a signed-in person ({@code mutating}
     * requests then need the session's CSRF token).
     */
    public Authentication identify(String authorization, String sessionSecret, String csrf, boolean mutating, Instant now) {
        if ((authorization == null || authorization.isBlank()) && sessionSecret != null && !sessionSecret.isBlank()) {
            return sessions.authenticate(sessionSecret, csrf, mutating, now);
        }
        return identify(authorization, now);
    }

    /** {@code addressedTenant} is the tenant id of the path, as given (null when the path has none). */
    public AccessDecision check(Authentication auth, Operation operation, String addressedTenant) {
        UUID tenant = null;
        boolean valid = false;
        if (addressedTenant != null) {
            try {
                tenant = UUID.fromString(addressedTenant);
                valid = true;
            } catch (IllegalArgumentException e) {
                valid = false;
            }
        }
        return AccessDecision.decide(auth, operation, tenant, valid);
    }
}
