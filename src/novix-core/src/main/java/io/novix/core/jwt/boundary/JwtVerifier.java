package io.novix.core.jwt.boundary;

import io.novix.core.tenant.entity.TenantId;
import io.novix.core.identity.entity.Principal;
import io.novix.core.jwt.control.JwtSettings;
import io.novix.core.jwt.control.KeyRing;

import io.novix.core.identity.entity.Role;
import io.novix.core.jwt.entity.CompactJwt;
import io.novix.core.serviceaccount.boundary.AccountCache;
import io.novix.core.serviceaccount.entity.AccountSnapshot;
import io.novix.core.identity.entity.Authentication;
import io.novix.core.identity.entity.Caller;
import io.novix.core.identity.entity.Scope;
import io.novix.core.identity.entity.TokenVerdict;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;

import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Verifies a service account's JWT: strict ES256 header, a signature by a live Novix key, the claim
 * rules, and then the account itself (it must exist, be enabled and belong to the tenant the token
 * names). Unverified claims never name the principal of a refusal.
 */
@OneInstance
public class JwtVerifier {

    public static final Principal UNVERIFIED = new Principal("jwt:unverified");

    @Inject
    KeyRing keys;

    @Inject
    JwtSettings settings;

    @Inject
    AccountCache accounts;

    public Authentication verify(String token, Instant now) {
        Optional<CompactJwt> parsed = CompactJwt.parse(token);
        if (parsed.isEmpty()) {
            return refuse(TokenVerdict.MALFORMED, "jwt_malformed");
        }
        CompactJwt jwt = parsed.get();
        Optional<String> headerProblem = jwt.headerProblem();
        if (headerProblem.isPresent()) {
            return refuse(TokenVerdict.UNKNOWN, headerProblem.get());
        }
        Optional<ECPublicKey> key = keys.verificationKey(jwt.kid(), now);
        if (key.isEmpty()) {
            return refuse(TokenVerdict.UNKNOWN, "jwt_unknown_kid");
        }
        if (!jwt.signedBy(key.get())) {
            return refuse(TokenVerdict.UNKNOWN, "jwt_bad_signature");
        }
        Optional<String> claimProblem = settings.rules().problem(jwt.claims(), now);
        if (claimProblem.isPresent()) {
            return refuse("jwt_expired".equals(claimProblem.get()) ? TokenVerdict.EXPIRED : TokenVerdict.UNKNOWN,
                    claimProblem.get());
        }
        UUID subject;
        UUID tenant;
        try {
            subject = UUID.fromString(jwt.claims().getString("sub"));
            tenant = UUID.fromString(jwt.claims().getString("tenant"));
        } catch (IllegalArgumentException e) {
            return refuse(TokenVerdict.UNKNOWN, "jwt_claim_invalid");
        }
        Optional<AccountSnapshot> found = accounts.find(subject);
        if (found.isEmpty() || !found.get().tenantId().equals(tenant)) {
            return refuse(TokenVerdict.UNKNOWN, "jwt_subject_unknown");
        }
        AccountSnapshot a = found.get();
        Principal principal = Principal.serviceAccount(a.clientId());
        if (!a.enabled()) {
            return Authentication.denied(TokenVerdict.REVOKED, principal, TenantId.of(a.tenantId()), "service_account_disabled");
        }
        if (!a.tenantActive()) {
            return Authentication.denied(TokenVerdict.TENANT_SUSPENDED, principal, TenantId.of(a.tenantId()), "tenant_suspended");
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        Arrays.stream(jwt.claims().getString("scope").split(" ")).map(Scope::parse)
                .forEach(s -> s.filter(a.scopes()::contains).ifPresent(scopes::add));
        return Authentication.granted(new Caller(principal, TenantId.of(a.tenantId()), a.tenantSlug(), a.tier(), null, Role.SERVICE, scopes));
    }

    private static Authentication refuse(TokenVerdict verdict, String reason) {
        return Authentication.denied(verdict, UNVERIFIED, null, reason);
    }
}
