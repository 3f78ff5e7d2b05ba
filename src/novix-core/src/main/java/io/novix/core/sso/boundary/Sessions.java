package io.novix.core.sso.boundary;

import io.novix.core.tenant.entity.TenantId;
import io.novix.core.identity.entity.Principal;
import io.novix.core.sso.entity.UserSession;
import io.novix.core.tenant.entity.Tenant;
import io.novix.core.identity.entity.Authentication;
import io.novix.core.identity.entity.Caller;
import io.novix.core.identity.entity.Delegation;
import io.novix.core.identity.entity.Role;
import io.novix.core.identity.entity.Scope;
import io.novix.core.user.entity.GroupMapping;
import io.novix.core.user.entity.TenantUser;
import io.novix.core.token.entity.TokenFormat;
import io.novix.core.identity.entity.TokenVerdict;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates the session cookie of a signed-in person. A state-changing request must also
 * carry the session's CSRF token (a cookie alone is sent by browsers to any page that asks).
 */
@Stateless
public class Sessions {

    private static final byte[] DECOY = TokenFormat.hash("nvxsess_decoy");

    @PersistenceContext(unitName = "novix")
    EntityManager em;

    public Authentication authenticate(String secret, String csrf, boolean mutating, Instant now) {
        byte[] presented = TokenFormat.hash(secret);
        Optional<UserSession> found = em.createNamedQuery(UserSession.BY_SECRET, UserSession.class)
                .setParameter("hash", presented).getResultStream().findFirst();
        if (found.isEmpty()) {
            MessageDigest.isEqual(DECOY, presented);
            return Authentication.denied(TokenVerdict.UNKNOWN, Principal.anonymous(), null, "session_unknown");
        }
        return check(found.get(), csrf, mutating, now);
    }

    /** A live session and who it acts as now (who-am-I reads its expiry and authentication context). */
    public record Live(Caller caller, UserSession session) {
    }

    /** The session this secret opens, when it is live and still holds a role (one lookup). */
    public Optional<Live> live(String secret, Instant now) {
        return em.createNamedQuery(UserSession.BY_SECRET, UserSession.class).setParameter("hash", TokenFormat.hash(secret))
                .getResultStream().findFirst().flatMap(s -> check(s, null, false, now).caller().map(c -> new Live(c, s)));
    }

    private Authentication check(UserSession s, String csrf, boolean mutating, Instant now) {
        Principal principal = Principal.user(s.subject());
        TenantId tenant = TenantId.of(s.tenantId());
        if (!s.keys().live(now)) {
            return Authentication.denied(TokenVerdict.EXPIRED, principal, tenant, "session_expired");
        }
        if (mutating && !s.keys().csrfMatches(csrf == null ? null : TokenFormat.hash(csrf))) {
            return Authentication.denied(TokenVerdict.CSRF_REQUIRED, principal, tenant, "csrf_token_required");
        }
        Tenant t = em.find(Tenant.class, s.tenantId());
        if (!t.isActive()) {
            return Authentication.denied(TokenVerdict.TENANT_SUSPENDED, principal, tenant, "tenant_suspended");
        }
        Set<Role> roles = liveRoles(s);
        if (roles.isEmpty()) { // removed, or every role taken away since sign-in: the session is over
            return Authentication.denied(TokenVerdict.REVOKED, principal, tenant, "session_roles_revoked");
        }
        return Authentication.granted(new Caller(principal, TenantId.of(t.id()), t.slug(), t.tier(), null, roles, EnumSet.allOf(Scope.class)));
    }

    /**
     * The session's roles as the tenant's bindings and group mappings give them now, none with more
     * power than the roles it signed in with (a downgrade applies, an upgrade waits for a new sign-in): removing a binding, changing a mapping or removing the person takes effect
     * on the next request, on every instance (sessions are read from PostgreSQL on every request).
     */
    private Set<Role> liveRoles(UserSession s) {
        TenantUser user = em.find(TenantUser.class, s.userId());
        if (user == null || !user.tenantId().equals(s.tenantId())) {
            return Set.of();
        }
        Set<Role> now = EnumSet.noneOf(Role.class);
        now.addAll(user.roles());
        now.addAll(GroupMapping.rolesFor(s.groups(), em.createNamedQuery(GroupMapping.OF_TENANT, GroupMapping.class)
                .setParameter("tenant", s.tenantId()).getResultList()));
        Set<Role> signedIn = s.roleSet(); // never more power than the session signed in with
        now.removeIf(role -> Delegation.bindingRefusal(signedIn, EnumSet.allOf(Scope.class), role).isPresent());
        return now;
    }
}
