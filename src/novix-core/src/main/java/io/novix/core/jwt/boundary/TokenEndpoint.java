package io.novix.core.jwt.boundary;

import io.novix.hf.JsonBytes;

import io.novix.core.tenant.entity.TenantId;
import io.novix.core.identity.entity.Principal;
import io.novix.core.audit.boundary.AuditTrail;
import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.jwt.control.JwtSettings;
import io.novix.core.jwt.control.KeyRing;
import io.novix.core.jwt.entity.CompactJwt;
import io.novix.core.serviceaccount.boundary.ServiceAccounts;
import io.novix.core.serviceaccount.entity.ServiceAccount;
import io.novix.core.tenant.boundary.Tenants;
import io.novix.core.identity.entity.Scope;
import io.novix.core.token.entity.TokenFormat;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * OAuth2 client credentials (RFC 6749 §4.4): a service account's id and secret for a signed
 * ES256 JWT of at most 15 minutes. Every exchange, granted or refused, is audited before the answer.
 */
@OneInstance
public class TokenEndpoint {

    /** A refusal in RFC 6749 §5.2 terms. */
    public static final class OAuthError extends RuntimeException {
        private final int status;
        private final String error;

        OAuthError(int status, String error, String description) {
            super(description);
            this.status = status;
            this.error = error;
        }

        public int status() { return status; }
        public String error() { return error; }
    }

    public record Grant(String accessToken, long expiresIn, String scope) {
        @Override
        public String toString() {
            return "Grant[token=***, expiresIn=" + expiresIn + "]";
        }
    }

    private static final byte[] DECOY = TokenFormat.hash("nvxsec_decoy");

    @Inject
    ServiceAccounts accounts;

    @Inject
    Tenants tenants;

    @Inject
    KeyRing keys;

    @Inject
    JwtSettings settings;

    @Inject
    AuditTrail audit;

    public Grant exchange(String grantType, String clientId, String clientSecret, String scope, String requestId) {
        long started = System.nanoTime();
        Optional<ServiceAccount> account = Optional.empty();
        try {
            if (!"client_credentials".equals(grantType)) {
                throw new OAuthError(400, grantType == null ? "invalid_request" : "unsupported_grant_type",
                        "grant_type must be client_credentials");
            }
            if (clientId == null || clientSecret == null) {
                throw new OAuthError(401, "invalid_client", "client authentication failed");
            }
            account = clientId.length() <= 64 ? accounts.byClientId(clientId) : Optional.empty();
            byte[] presented = TokenFormat.hash(clientSecret);
            if (account.isEmpty()) {
                MessageDigest.isEqual(DECOY, presented);
                throw new OAuthError(401, "invalid_client", "client authentication failed");
            }
            ServiceAccount sa = account.get();
            if (!sa.accepts(presented) || !tenants.find(sa.tenantId()).isActive()) {
                throw new OAuthError(401, "invalid_client", "client authentication failed");
            }
            Set<Scope> granted = sa.grant(requested(scope));
            if (granted.isEmpty()) {
                throw new OAuthError(400, "invalid_scope", "the requested scope exceeds what the service account holds");
            }
            if (settings.seal().isEmpty()) {
                throw new OAuthError(503, "temporarily_unavailable", "token signing is not configured (NOVIX_JWT_KEK)");
            }
            Grant grant = sign(sa, granted);
            record(requestId, sa, 200, null, started);
            return grant;
        } catch (OAuthError e) {
            record(requestId, account.orElse(null), e.status(), e.error(), started);
            throw e;
        }
    }

    private Grant sign(ServiceAccount sa, Set<Scope> scopes) {
        Instant now = Instant.now();
        long exp = now.plus(settings.lifetime()).getEpochSecond();
        String scope = scopes.stream().map(Scope::value).sorted().collect(Collectors.joining(" "));
        KeyRing.Signer signer = keys.signer();
        JsonObject header = JsonBytes.JSON.createObjectBuilder().add("alg", "ES256").add("typ", "JWT").add("kid", signer.kid()).build();
        JsonObject claims = JsonBytes.JSON.createObjectBuilder()
                .add("iss", settings.issuer())
                .add("aud", settings.audience())
                .add("sub", sa.id().toString())
                .add("client_id", sa.clientId())
                .add("tenant", sa.tenantId().toString())
                .add("groups", JsonBytes.JSON.createArrayBuilder().add("service"))
                .add("scope", scope)
                .add("jti", UUID.randomUUID().toString())
                .add("iat", now.getEpochSecond())
                .add("nbf", now.getEpochSecond())
                .add("exp", exp)
                .build();
        return new Grant(CompactJwt.sign(header, claims, signer.key()), exp - now.getEpochSecond(), scope);
    }

    private static Set<Scope> requested(String scope) {
        Set<Scope> set = EnumSet.noneOf(Scope.class);
        if (scope == null || scope.isBlank()) {
            return set;
        }
        for (String s : scope.strip().split("\\s+")) {
            set.add(Scope.parse(s).orElseThrow(() -> new OAuthError(400, "invalid_scope", "unknown scope")));
        }
        return set;
    }

    private void record(String requestId, ServiceAccount sa, int status, String code, long started) {
        int latency = (int) ((System.nanoTime() - started) / 1_000_000);
        AuditEntry entry = AuditEntry.request(Instant.now(), requestId, sa == null ? null : TenantId.of(sa.tenantId()),
                sa == null ? Principal.anonymous() : Principal.serviceAccount(sa.clientId()), "oauth.token", "POST /oauth2/token", status, code, latency, null);
        try {
            audit.recordNow(entry);
        } catch (io.novix.core.audit.boundary.AuditUnavailable e) {
            throw new OAuthError(503, "temporarily_unavailable", "the audit trail could not record this request");
        }
    }
}
