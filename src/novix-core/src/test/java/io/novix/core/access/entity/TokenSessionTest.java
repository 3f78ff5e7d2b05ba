package io.novix.core.access.entity;

import io.novix.core.token.entity.TokenFormat;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenSessionTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private static TokenSession session(String prefix) {
        return new TokenSession(prefix, TokenFormat.hash("the-token"), prefix == null ? null : UUID.randomUUID(), "token:" + prefix,
                TokenFormat.hash("nvxcon_secret"), TokenFormat.hash("csrf"), NOW, NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void liveUntilItExpiresOrIsSignedOut() {
        TokenSession s = session("abcd1234");
        assertTrue(s.keys().live(NOW.plusSeconds(3599)));
        assertFalse(s.keys().live(NOW.plusSeconds(3600)), "the expiry instant is already past");
        s.keys().revoke(NOW.plusSeconds(10));
        assertFalse(s.keys().live(NOW.plusSeconds(11)));
    }

    @Test
    void aChangeNeedsTheSessionsOwnCsrfToken() {
        TokenSession s = session("abcd1234");
        assertTrue(s.keys().csrfMatches(TokenFormat.hash("csrf")));
        assertFalse(s.keys().csrfMatches(TokenFormat.hash("other")));
        assertFalse(s.keys().csrfMatches(null));
    }

    @Test
    void theBootstrapTokensSessionHasNoPrefixAndNoTenant() {
        TokenSession admin = session(null);
        assertTrue(admin.platformAdmin());
        assertFalse(session("abcd1234").platformAdmin());
    }

    @Test
    void aSessionMustEndAfterItStarts() {
        assertThrows(IllegalArgumentException.class, () -> new TokenSession("p", new byte[32], null, "s", new byte[32], new byte[32],
                NOW, NOW));
    }

    @Test
    void itKeepsCopiesNotTheCallersArrays() {
        byte[] hash = TokenFormat.hash("the-token");
        TokenSession s = new TokenSession("p", hash, null, "s", new byte[32], new byte[32], NOW, NOW.plusSeconds(1));
        hash[0] ^= 1;
        assertFalse(java.util.Arrays.equals(hash, s.tokenHash()));
    }
}
