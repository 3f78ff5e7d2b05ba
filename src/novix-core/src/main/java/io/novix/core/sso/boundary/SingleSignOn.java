package io.novix.core.sso.boundary;

import io.novix.core.tenant.entity.TenantId;
import io.novix.core.identity.entity.Principal;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.identity.entity.Role;
import io.novix.core.audit.boundary.AuditTrail;
import io.novix.core.audit.entity.AdminChange;
import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.audit.entity.Outcome;
import io.novix.core.kernel.Forbidden;
import io.novix.core.kernel.NotFound;
import io.novix.core.sso.control.AssertionUses;
import io.novix.core.sso.control.ServiceProviderFiles;
import io.novix.core.sso.entity.TenantIdp;
import io.novix.core.sso.entity.UserSession;
import io.novix.core.tenant.boundary.Tenants;
import io.novix.core.tenant.entity.Tenant;
import io.novix.core.tenant.entity.Tier;
import io.novix.core.token.entity.TokenFormat;
import io.novix.core.user.entity.GroupMapping;
import io.novix.core.user.entity.TenantUser;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a SAML sign-in into a Novix session. Roles are the person's direct bindings plus what the
 * tenant maps their IdP groups to; signing in never changes a binding (an administrator is not
 * downgraded by a first SSO login). Every sign-in, accepted or refused, is audited.
 */
@Stateless
public class SingleSignOn {

    /** Liberty's clockSkew for the SPs: an assertion is acceptable until NotOnOrAfter plus this. */

    /** Government sessions are short: people re-authenticate (with MFA) at least hourly. */
    private static final Duration GOVERNMENT_MAX = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "novix")
    EntityManager em;

    @Inject
    AssertionUses assertionUses;

    @Inject
    Tenants tenants;

    @Inject
    AuditTrail audit;

    @Inject
    ServiceProviderFiles files;

    @Inject
    @ConfigProperty(name = "novix.session.ttl", defaultValue = "PT8H")
    Duration ttl;

    public IssuedSession signIn(SignIn in, String requestId) {
        long started = System.nanoTime();
        Tenant tenant = tenants.bySlug(in.tenantSlug()).orElse(null);
        if (tenant == null) {
            throw refuse(new NotFound(ErrorCode.TENANT_NOT_FOUND, "no such tenant"), null, in, requestId, started, 404);
        }
        TenantIdp idp = em.find(TenantIdp.class, tenant.id());
        if (idp == null) {
            throw refuse(new NotFound(ErrorCode.SSO_NOT_CONFIGURED, "this tenant has not registered an IdP"), tenant.id(), in, requestId, started, 404);
        }
        if (!tenant.isActive()) {
            throw refuse(new Forbidden(ErrorCode.TENANT_SUSPENDED, "the tenant is suspended"), tenant.id(), in, requestId, started, 403);
        }
        if (!idp.idpEntityId().equals(in.issuer())) {
            throw refuse(new Forbidden(ErrorCode.SAML_ISSUER_MISMATCH, "the assertion was not issued by this tenant's IdP"),
                    tenant.id(), in, requestId, started, 401);
        }
        // Liberty ignores its audiences setting for browser SSO (CWWKS5207W): the audience is checked here
        if (in.audiences() == null || !in.audiences().contains(files.describe(tenant.slug(), idp).spEntityId())) {
            throw refuse(new Forbidden(ErrorCode.SAML_AUDIENCE_MISMATCH, "the assertion is not addressed to this tenant's service provider"),
                    tenant.id(), in, requestId, started, 401);
        }
        if (!assertionUses.firstUse(tenant.id(), in.assertionId(), in.notOnOrAfter())) {
            throw refuse(new Forbidden(ErrorCode.SAML_ASSERTION_REPLAYED, "this SAML assertion was already used to sign in"),
                    tenant.id(), in, requestId, started, 401);
        }
        if (!idp.acceptsAuthnContext(in.authnContext())) {
            throw refuse(new Forbidden(ErrorCode.AUTHN_CONTEXT_INSUFFICIENT, "this tenant requires signing in with "
                    + idp.requiredAuthnContext()), tenant.id(), in, requestId, started, 403);
        }
        TenantUser user = em.createNamedQuery(TenantUser.BY_SUBJECT, TenantUser.class).setParameter("tenant", tenant.id())
                .setParameter("subject", in.subject()).getResultStream().findFirst().orElse(null);
        if (user == null) {
            user = new TenantUser(tenant.id(), in.subject(), in.displayName() == null || in.displayName().isBlank()
                    ? in.subject() : in.displayName(), Instant.now());
            em.persist(user);
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        roles.addAll(user.roles());
        roles.addAll(GroupMapping.rolesFor(in.groups(), em.createNamedQuery(GroupMapping.OF_TENANT, GroupMapping.class)
                .setParameter("tenant", tenant.id()).getResultList()));
        if (roles.isEmpty()) {
            throw refuse(new Forbidden(ErrorCode.NO_ROLE, "you are known to the IdP but hold no Novix role in this tenant"),
                    tenant.id(), in, requestId, started, 403);
        }
        String secret = "nvxsess_" + random();
        String csrf = random();
        Instant now = Instant.now();
        Duration life = tenant.tier() == Tier.GOVERNMENT && ttl.compareTo(GOVERNMENT_MAX) > 0 ? GOVERNMENT_MAX : ttl;
        UserSession session = new UserSession(tenant.id(), user.id(), in.subject(), roles, TokenFormat.hash(secret),
                TokenFormat.hash(csrf), in.authnContext(), now, now.plus(life)).withGroups(in.groups());
        em.persist(session);
        record(requestId, tenant.id(), in, Outcome.SUCCESS, 200, null, started,
                roles.stream().map(Role::value).sorted().reduce((a, b) -> a + "," + b).orElse(""));
        return new IssuedSession(session, secret, csrf);
    }

    /**
     * Liberty's SP refused an IdP answer (bad or missing signature, wrong audience, expired, replayed,
     * or signed by a key this tenant does not trust) and sent the browser to the error page.
     */
    public void rejected(String slug, String requestId) {
        UUID tenant = tenants.bySlug(slug).map(Tenant::id).orElse(null);
        AuditEntry entry = AuditEntry.denied(Instant.now(), requestId, TenantId.of(tenant), Principal.unverifiedSaml(), "sso.login", "saml:" + slug,
                401, ErrorCode.SAML_ASSERTION_REJECTED.code(), 0);
        audit.recordNow(entry);
    }

    /** Ends a session (sign-out); unknown secrets are ignored. */
    public void signOut(String secret) {
        em.createNamedQuery(UserSession.BY_SECRET, UserSession.class).setParameter("hash", TokenFormat.hash(secret))
                .getResultStream().findFirst().ifPresent(s -> s.keys().revoke(Instant.now()));
    }

    private RuntimeException refuse(RuntimeException refusal, UUID tenant, SignIn in, String requestId, long started, int status) {
        record(requestId, tenant, in, Outcome.DENIED, status, ((io.novix.core.kernel.Refusal) refusal).code().code(), started, null);
        return refusal;
    }

    private void record(String requestId, UUID tenant, SignIn in, Outcome outcome, int status, String code, long started,
                        String roles) {
        int latency = (int) ((System.nanoTime() - started) / 1_000_000);
        Principal principal = Principal.user(in.subject());
        String target = "saml:" + in.tenantSlug();
        AuditEntry entry = outcome == Outcome.DENIED
                ? AuditEntry.denied(Instant.now(), requestId, TenantId.of(tenant), principal, "sso.login", target, status, code, latency)
                : AuditEntry.admin(Instant.now(), requestId, TenantId.of(tenant), principal, "sso.login", target, status, code, latency,
                null, new AdminChange(roles, null, null));
        audit.recordNow(entry);
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
