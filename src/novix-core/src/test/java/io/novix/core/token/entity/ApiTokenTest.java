package io.novix.core.token.entity;

import io.novix.core.identity.entity.TokenVerdict;

import io.novix.core.identity.entity.Scope;

import io.novix.core.tenant.entity.Tenant;
import io.novix.core.tenant.entity.Tier;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiTokenTest {

    private final Instant now = Instant.parse("2026-11-23T10:00:00Z");
    private final Tenant tenant = new Tenant("acme", "Acme", Tier.STANDARD, "eu-west-1", now);
    private final TokenFormat.Generated generated = TokenFormat.generate(new SecureRandom());

    private ApiToken token(Instant expires) {
        return new ApiToken(tenant, "ci", generated.prefix(), TokenFormat.hash(generated.token()),
                Set.of(Scope.INFERENCE_CHAT), expires, now);
    }

    @Test
    void generatedTokensHaveTheDocumentedShapeAndAreUnique() {
        assertTrue(generated.token().startsWith("nvx_" + generated.prefix() + "_"));
        assertEquals(60, generated.token().length());
        assertEquals(generated.prefix(), TokenFormat.prefixOf(generated.token()).orElseThrow());
        assertNotEquals(generated.token(), TokenFormat.generate(new SecureRandom()).token());
        assertFalse(generated.toString().contains(generated.token().substring(17)));
    }

    @Test
    void malformedTokensHaveNoPrefix() {
        assertTrue(TokenFormat.prefixOf(null).isEmpty());
        assertTrue(TokenFormat.prefixOf("nvx_short_x").isEmpty());
        assertTrue(TokenFormat.prefixOf(generated.token().replace("nvx_", "abc_")).isEmpty());
        assertTrue(TokenFormat.prefixOf(generated.token() + "x").isEmpty());
    }

    @Test
    void onlyTheHashIsKept() {
        ApiToken t = token(now.plus(Duration.ofDays(30)));
        assertArrayEquals(TokenFormat.hash(generated.token()), t.secretHash());
        assertEquals(32, t.secretHash().length);
    }

    @Test
    void verdictsCoverValidExpiredRevokedAndWrongSecret() {
        ApiToken t = token(now.plus(Duration.ofDays(1)));
        byte[] right = TokenFormat.hash(generated.token());
        assertEquals(TokenVerdict.VALID, t.judge(right, now));
        assertEquals(TokenVerdict.EXPIRED, t.judge(right, now.plus(Duration.ofDays(1))));
        assertEquals(TokenVerdict.UNKNOWN, t.judge(TokenFormat.hash(generated.token() + "x"), now));
        t.revoke(now.plusSeconds(10));
        assertEquals(TokenVerdict.VALID, t.judge(right, now.plusSeconds(9)));
        assertEquals(TokenVerdict.REVOKED, t.judge(right, now.plusSeconds(10)));
        t.revoke(now.plusSeconds(99));
        assertEquals(now.plusSeconds(10), t.revokedAt(), "a second revocation keeps the first time");
    }

    @Test
    void wrongSecretNeverRevealsExpiryOrRevocation() {
        ApiToken t = token(now.plus(Duration.ofDays(1)));
        t.revoke(now);
        assertEquals(TokenVerdict.UNKNOWN, t.judge(new byte[32], now.plus(Duration.ofDays(2))));
    }

    @Test
    void suspendedTenantsTokensAreRefused() {
        ApiToken t = token(now.plus(Duration.ofDays(1)));
        tenant.suspend();
        assertEquals(TokenVerdict.TENANT_SUSPENDED, t.judge(TokenFormat.hash(generated.token()), now));
    }

    @Test
    void expiryIsMandatoryAndBounded() {
        assertThrows(IllegalArgumentException.class, () -> token(null));
        assertThrows(IllegalArgumentException.class, () -> token(now.minusSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> token(now.plusSeconds(30)));
        assertThrows(IllegalArgumentException.class, () -> token(now.plus(Duration.ofDays(366))));
        assertThrows(IllegalArgumentException.class, () -> new ApiToken(tenant, "x", "p", new byte[32], Set.of(),
                now.plus(Duration.ofDays(1)), now));
    }

    @Test
    void lifetimesAreCappedByTierGovernmentShortest() {
        Tenant gov = new Tenant("gov", "Gov", Tier.GOVERNMENT, "us", now);
        TokenFormat.Generated g = TokenFormat.generate(new SecureRandom());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> new ApiToken(gov, "x",
                g.prefix(), new byte[32], Set.of(Scope.INFERENCE_CHAT), now.plus(Duration.ofDays(31)), now));
        assertTrue(tooLong.getMessage().contains("30 days"), tooLong.getMessage());
        new ApiToken(gov, "x", g.prefix(), new byte[32], Set.of(Scope.INFERENCE_CHAT), now.plus(Duration.ofDays(30)), now);
        assertTrue(Tier.GOVERNMENT.maxTokenLifetime().compareTo(Tier.ENTERPRISE.maxTokenLifetime()) < 0);
        assertTrue(Tier.ENTERPRISE.maxTokenLifetime().compareTo(Tier.STANDARD.maxTokenLifetime()) < 0);
    }

    @Test
    void rotationShortensTheOldTokenToTheGraceAndHappensOnce() {
        ApiToken old = token(now.plus(Duration.ofDays(30)));
        TokenFormat.Generated g = TokenFormat.generate(new SecureRandom());
        ApiToken next = new ApiToken(tenant, "ci", g.prefix(), new byte[32], Set.of(Scope.INFERENCE_CHAT),
                now.plus(Duration.ofDays(30)), now);
        Instant later = now.plus(Duration.ofHours(1));
        old.rotate(next, Duration.ofHours(24), later);
        assertEquals(later.plus(Duration.ofHours(24)), old.expiresAt());
        assertEquals(next.id(), old.replacedBy());
        assertThrows(IllegalStateException.class, () -> old.rotate(next, Duration.ofHours(24), later));
        ApiToken shortLived = token(now.plus(Duration.ofHours(2)));
        shortLived.rotate(next, Duration.ofHours(24), now);
        assertEquals(now.plus(Duration.ofHours(2)), shortLived.expiresAt(), "grace never extends a token");
    }

    @Test
    void scopesRoundTrip() {
        ApiToken t = new ApiToken(tenant, "x", generated.prefix(), new byte[32],
                Set.of(Scope.INFERENCE_EMBEDDINGS, Scope.INFERENCE_CHAT), now.plus(Duration.ofDays(1)), now);
        assertEquals(Set.of(Scope.INFERENCE_EMBEDDINGS, Scope.INFERENCE_CHAT), t.scopeSet());
        assertEquals(io.novix.core.identity.entity.Role.DEVELOPER, t.role());
        ApiToken audit = new ApiToken(tenant, "a", generated.prefix(), new byte[32], io.novix.core.identity.entity.Role.AUDITOR,
                Set.of(Scope.AUDIT_READ), now.plus(Duration.ofDays(1)), now);
        assertEquals(Set.of(Scope.AUDIT_READ), audit.scopeSet());
        IllegalArgumentException misfit = assertThrows(IllegalArgumentException.class, () -> new ApiToken(tenant, "a",
                generated.prefix(), new byte[32], io.novix.core.identity.entity.Role.AUDITOR, Set.of(Scope.INFERENCE_CHAT),
                now.plus(Duration.ofDays(1)), now));
        assertTrue(misfit.getMessage().contains("auditor"), "an auditor's token can never run inference");
        assertThrows(IllegalArgumentException.class, () -> new ApiToken(tenant, "a", generated.prefix(), new byte[32],
                io.novix.core.identity.entity.Role.PLATFORM_ADMIN, Set.of(Scope.AUDIT_READ), now.plus(Duration.ofDays(1)), now));
        assertTrue(Scope.parse("inference:chat").isPresent());
        assertTrue(Scope.parse("root").isEmpty());
    }
}
