package io.novix.core.access.boundary;

import io.novix.core.identity.entity.AccessDecision;
import io.novix.core.identity.entity.Operation;
import io.novix.core.access.boundary.AdminAuthenticator;
import io.novix.core.sso.boundary.Sessions;
import io.novix.core.jwt.boundary.JwtVerifier;
import io.novix.core.jwt.entity.CompactJwt;
import io.novix.core.token.boundary.TokenAuthenticator;
import io.novix.core.identity.entity.Authentication;
import io.novix.core.identity.entity.Caller;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The single enforcement point of the admin, audit and identity APIs: identifies the caller from
 * any Novix credential (the platform bootstrap token, an API token, a service account's JWT) and
 * applies the permission matrix and tenant scoping.
 */
@OneInstance
public class AccessControl {

    @Inject
    AdminAuthenticator admins;

    @Inject
    TokenAuthenticator tokens;

    @Inject
    Sessions sessions;

    @Inject
    JwtVerifier jwts;

    @Inject
    TokenSessions tokenSessions;

    @Inject
    io.novix.core.sso.boundary.SingleSignOn singleSignOn;

    public Authentication identify(String authorization, Instant now) {
        if (admins.isAdmin(authorization)) {
            return Authentication.granted(Caller.platformAdmin(AdminAuthenticator.PRINCIPAL));
        }
        return bearer(authorization, now);
    }

    /**
     * A program's credential: an API token, or a service account's JWT. The platform bootstrap token
     * and sessions are not accepted here (inference is for developers and services only).
     */
    public Authentication bearer(String authorization, Instant now) {
        if (authorization != null && authorization.length() > 7 && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && CompactJwt.shaped(authorization.substring(7).trim())) {
            return jwts.verify(authorization.substring(7).trim(), now);
        }
        return tokens.authenticate(authorization, now);
    }

    /**
     * A bearer credential if there is one, else the session cookie of a signed-in person ({@code mutating}
     * requests then need the session's CSRF token).
     */
    public Authentication identify(String authorization, String sessionSecret, String csrf, boolean mutating, Instant now) {
        if ((authorization == null || authorization.isBlank()) && sessionSecret != null && !sessionSecret.isBlank()) {
            return sessionSecret.startsWith(TokenSessions.SECRET_PREFIX)
                    ? tokenSessions.authenticate(sessionSecret, csrf, mutating, now)
                    : sessions.authenticate(sessionSecret, csrf, mutating, now);
        }
        return identify(authorization, now);
    }

    /** Who-am-I for a session cookie of either kind (empty: no live session). */
    public Optional<SessionView> describe(String sessionSecret, Instant now) {
        if (sessionSecret == null || sessionSecret.isBlank()) {
            return Optional.empty();
        }
        if (sessionSecret.startsWith(TokenSessions.SECRET_PREFIX)) {
            return tokenSessions.describe(sessionSecret, now);
        }
        return sessions.live(sessionSecret, now)
                .map(l -> SessionViews.of("saml", l.caller(), l.session().authnContext(), l.session().expiresAt()));
    }

    /** Ends a session of either kind; unknown secrets are ignored. */
    public void signOut(String sessionSecret) {
        if (sessionSecret.startsWith(TokenSessions.SECRET_PREFIX)) {
            tokenSessions.signOut(sessionSecret);
        } else {
            singleSignOn.signOut(sessionSecret);
        }
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
