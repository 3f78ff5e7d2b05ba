package io.novix.core.sso.control;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * SAML assertions are single-use on every instance (hardening class 7): each consumed assertion id
 * is a row in PostgreSQL, unique until the assertion expires (plus the clock skew), inserted in the
 * sign-in's own transaction. A concurrent second use on another instance waits for the first
 * transaction and then finds the row; if the first sign-in rolls back, the id was never used.
 */
@Stateless
public class AssertionUses {

    static final Duration SKEW = Duration.ofMinutes(1);

    @PersistenceContext(unitName = "novix")
    EntityManager em;

    /**
     * Records the assertion as used; false when it was used before. An assertion without an id or
     * an expiry cannot be tracked, so it is refused as if replayed.
     */
    public boolean firstUse(UUID tenant, String assertionId, Instant notOnOrAfter) {
        if (assertionId == null || assertionId.isBlank() || assertionId.length() > 256 || notOnOrAfter == null) {
            return false;
        }
        Instant now = Instant.now();
        em.createNativeQuery("DELETE FROM saml_assertion_use WHERE not_on_or_after < ?")
                .setParameter(1, now.minus(SKEW).atOffset(ZoneOffset.UTC)).executeUpdate();
        return em.createNativeQuery("INSERT INTO saml_assertion_use (assertion_id, tenant_id, used_at, not_on_or_after) "
                        + "VALUES (?, ?, ?, ?) ON CONFLICT (assertion_id) DO NOTHING")
                .setParameter(1, assertionId).setParameter(2, tenant)
                .setParameter(3, now.atOffset(ZoneOffset.UTC))
                .setParameter(4, notOnOrAfter.plus(SKEW).atOffset(ZoneOffset.UTC)).executeUpdate() == 1;
    }
}
