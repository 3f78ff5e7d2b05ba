package io.novix.core.jwt.control;

import io.novix.core.jwt.entity.KeySeal;
import io.novix.core.jwt.entity.SigningKey;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** The signing-key rows: the live ones, a new one, and retiring the old ones. */
@Stateless
public class SigningKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "novix")
    EntityManager em;

    /** Keys that still verify at {@code now}, newest first (detached copies). */
    public List<SigningKey> live(Instant now, Duration maxLifetime) {
        List<SigningKey> keys = em.createNamedQuery(SigningKey.LIVE, SigningKey.class)
                .setParameter("horizon", now.minus(maxLifetime)).getResultList();
        keys.forEach(em::detach);
        return keys;
    }

    /** A new active key; with {@code retireOthers} every other active key stops signing (rotation). */
    public SigningKey create(KeySeal seal, boolean retireOthers) {
        Instant now = Instant.now();
        if (retireOthers) {
            em.createQuery("SELECT k FROM SigningKey k WHERE k.retiredAt IS NULL", SigningKey.class)
                    .getResultList().forEach(k -> k.retire(now));
        }
        byte[] id = new byte[9];
        RANDOM.nextBytes(id);
        String kid = "nvx-" + Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        KeyPair pair = SigningKey.generate();
        SigningKey key = new SigningKey(kid, (ECPublicKey) pair.getPublic(), seal.seal(pair.getPrivate().getEncoded(), kid), now);
        em.persist(key);
        return key;
    }
}
