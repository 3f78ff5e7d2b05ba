package io.novix.core.access.boundary;

import io.novix.core.access.entity.TokenSession;
import io.novix.core.audit.boundary.AuditTrail;
import io.novix.core.audit.entity.AdminChange;
import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.identity.entity.Authentication;
import io.novix.core.identity.entity.Caller;
import io.novix.core.identity.entity.Principal;
import io.novix.core.identity.entity.TokenVerdict;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.Refusal;
import io.novix.core.tenant.entity.Tier;
import io.novix.core.token.boundary.TokenAuthenticator;
import io.novix.core.token.entity.TokenFormat;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The console's sign-in with a Novix token: an API token or the platform administrator's bootstrap
 * token becomes a browser session (cookie + CSRF token) that acts exactly as the token would, for
 * no longer than the token lives (and at most {@code novix.session.ttl}; an hour for Government, as
 * SAML sessions). Service-account JWTs are for programs and are refused here. Every sign-in is audited.
 */
@Stateless
public class TokenSessions {

    /** Session secrets of this kind start so: the cookie is told apart from a SAML session's. */
    public static final String SECRET_PREFIX = "nvxcon_";
    private static final Duration GOVERNMENT_MAX = Duration.ofHours(1);
    private static final byte[] DECOY = TokenFormat.hash("nvxcon_decoy");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new session with its secret (the cookie) and CSRF token, both shown once. */
    public record Issued(String secret, String csrfToken, SessionView view) {
        @Override
        public String toString() {
            return "Issued[" + view.subject() + ", secret=***]";
        }
    }

    @PersistenceContext(unitName = "novix")
    EntityManager em;

    @Inject
    AdminAuthenticator admins;

    @Inject
    TokenAuthenticator tokens;

    @Inject
    AuditTrail audit;

    @Inject
    RefusalThrottle throttle;

    @Inject
    @ConfigProperty(name = "novix.session.ttl", defaultValue = "PT8H")
    Duration ttl;

    public Issued signIn(String token, String requestId, String address, Instant now) {
        long started = System.nanoTime();
        String bearer = "Bearer " + (token == null ? "" : token.strip());
        Authentication auth;
        String prefix = null;
        byte[] hash;
        if (admins.isAdmin(bearer)) {
            auth = Authentication.granted(Caller.platformAdmin(AdminAuthenticator.PRINCIPAL));
            hash = AdminAuthenticator.digestOf(token);
        } else {
            prefix = TokenFormat.prefixOf(token == null ? null : token.strip()).orElse(null);
            hash = TokenFormat.hash(token == null ? "" : token.strip());
            auth = prefix == null ? Authentication.denied(TokenVerdict.MALFORMED, Principal.anonymous(), null)
                    : tokens.authenticateHash(prefix, hash, now);
        }
        if (!auth.granted()) {
            if (!throttle.refused(address, auth.tenantHint())) {
                // a guessing client, as at every other door: 429 and one aggregate audit row per window
                throttle.throttled(address, "console.login", ErrorCode.TOO_MANY_REFUSALS.code());
                throw new Refusal(ErrorCode.TOO_MANY_REFUSALS, "too many refused sign-ins from this client; retry later", null,
                        java.util.Map.of("Retry-After", String.valueOf(throttle.retryAfterSeconds(address))));
            }
            audit.recordNow(AuditEntry.denied(now, requestId, auth.tenantHint(), auth.principalHint(), "console.login", "console",
                    auth.refusalCode().status(), auth.auditCode(), latency(started)).from(address));
            throw new Refusal(auth.refusalCode(), auth.verdict() == TokenVerdict.MALFORMED
                    ? "sign in with a Novix API token (nvx_…) or the platform administrator's token" : auth.refusalMessage());
        }
        Caller caller = auth.caller().orElseThrow();
        Instant expires = now.plus(caller.tier() == Tier.GOVERNMENT && ttl.compareTo(GOVERNMENT_MAX) > 0 ? GOVERNMENT_MAX : ttl);
        if (prefix != null) {
            Instant tokenEnd = tokens.expiresAt(prefix).orElse(expires);
            expires = tokenEnd.isBefore(expires) ? tokenEnd : expires;
        }
        String secret = SECRET_PREFIX + random();
        String csrf = random();
        TokenSession session = new TokenSession(prefix, hash, caller.tenant() == null ? null : caller.tenant().value(),
                caller.principal().value(), TokenFormat.hash(secret), TokenFormat.hash(csrf), now, expires);
        em.persist(session);
        audit.recordNow(AuditEntry.admin(now, requestId, caller.tenant(), caller.principal(), "console.login", "console", 200, null,
                latency(started), caller.tokenId(), new AdminChange(caller.roleNames(), null, null)).from(address));
        return new Issued(secret, csrf, view(caller, session));
    }

    public Authentication authenticate(String secret, String csrf, boolean mutating, Instant now) {
        return find(secret).map(s -> check(s, csrf, mutating, now))
                .orElseGet(() -> Authentication.denied(TokenVerdict.UNKNOWN, Principal.anonymous(), null, "session_unknown"));
    }

    private Authentication check(TokenSession s, String csrf, boolean mutating, Instant now) {
        Principal principal = new Principal(s.subject());
        if (!s.keys().live(now)) {
            return Authentication.denied(TokenVerdict.EXPIRED, principal, io.novix.core.tenant.entity.TenantId.of(s.tenantId()), "session_expired");
        }
        if (mutating && !s.keys().csrfMatches(csrf == null ? null : TokenFormat.hash(csrf))) {
            return Authentication.denied(TokenVerdict.CSRF_REQUIRED, principal, io.novix.core.tenant.entity.TenantId.of(s.tenantId()),
                    "csrf_token_required");
        }
        if (s.platformAdmin()) {
            return admins.isAdminHash(s.tokenHash()) ? Authentication.granted(Caller.platformAdmin(AdminAuthenticator.PRINCIPAL))
                    : Authentication.denied(TokenVerdict.REVOKED, principal, null, "session_token_replaced");
        }
        return tokens.authenticateHash(s.tokenPrefix(), s.tokenHash(), now); // revoked, rotated or expired: refused
    }

    public Optional<SessionView> describe(String secret, Instant now) {
        return find(secret).flatMap(s -> check(s, null, false, now).caller().map(caller -> view(caller, s)));
    }

    public void signOut(String secret) {
        find(secret).ifPresent(s -> s.keys().revoke(Instant.now()));
    }

    private Optional<TokenSession> find(String secret) {
        byte[] presented = TokenFormat.hash(secret);
        Optional<TokenSession> found = em.createNamedQuery(TokenSession.BY_SECRET, TokenSession.class)
                .setParameter("hash", presented).getResultStream().findFirst();
        if (found.isEmpty()) {
            MessageDigest.isEqual(DECOY, presented);
        }
        return found;
    }

    static SessionView view(Caller caller, TokenSession s) {
        return SessionViews.of("token", caller, null, s.expiresAt());
    }

    private static int latency(long started) {
        return (int) ((System.nanoTime() - started) / 1_000_000);
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
