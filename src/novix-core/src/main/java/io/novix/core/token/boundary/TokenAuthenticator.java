package io.novix.core.token.boundary;

import io.novix.core.tenant.entity.TenantId;
import io.novix.core.identity.entity.Principal;
import io.novix.core.token.control.TokenCache;
import io.novix.core.token.control.TokenSnapshot;
import io.novix.core.token.entity.ApiToken;
import io.novix.core.identity.entity.Authentication;
import io.novix.core.identity.entity.Caller;
import io.novix.core.token.entity.TokenFormat;
import io.novix.core.identity.entity.TokenVerdict;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;

/** Checks {@code Authorization: Bearer nvx_...} headers against the stored hashes; JWTs are the jwt feature's (dispatched by access). */
@OneInstance
public class TokenAuthenticator {

    /** Compared against when the prefix is unknown, so both paths cost the same. */
    private static final byte[] DECOY = TokenFormat.hash("nvx_decoy");

    @Inject
    TokenCache cache;


    public Authentication authenticate(String authorizationHeader, Instant now) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            return Authentication.denied(TokenVerdict.MISSING, Principal.anonymous(), null);
        }
        if (authorizationHeader.length() < 8 || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Authentication.denied(TokenVerdict.MALFORMED, Principal.anonymous(), null);
        }
        String token = authorizationHeader.substring(7).trim();
        Optional<String> prefix = TokenFormat.prefixOf(token);
        if (prefix.isEmpty()) {
            return Authentication.denied(TokenVerdict.MALFORMED, Principal.anonymous(), null);
        }
        return authenticateHash(prefix.get(), TokenFormat.hash(token), now);
    }

    /**
     * The same check for a credential known only by its prefix and hash: the token behind a console
     * session (which keeps no copy of the token), so revoking, rotating or expiring the token ends it.
     */
    public Authentication authenticateHash(String prefix, byte[] presented, Instant now) {
        Principal principal = Principal.token(prefix);
        Optional<TokenSnapshot> found = cache.find(prefix);
        if (found.isEmpty()) {
            MessageDigest.isEqual(DECOY, presented);
            return Authentication.denied(TokenVerdict.UNKNOWN, principal, null);
        }
        TokenSnapshot t = found.get();
        TokenVerdict verdict = ApiToken.judge(t.secretHash(), presented, t.expiresAt(), t.revokedAt(), t.tenantActive(), now);
        if (verdict != TokenVerdict.VALID) {
            return Authentication.denied(verdict, principal, verdict == TokenVerdict.UNKNOWN ? null : TenantId.of(t.tenantId()));
        }
        return Authentication.granted(new Caller(principal, TenantId.of(t.tenantId()), t.tenantSlug(), t.tier(), t.tokenId(), t.role(), t.scopes()));
    }

    /** When the token with this prefix expires (empty: unknown, or it never does). */
    public Optional<Instant> expiresAt(String prefix) {
        return cache.find(prefix).map(TokenSnapshot::expiresAt);
    }
}
