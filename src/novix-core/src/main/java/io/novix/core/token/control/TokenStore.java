package io.novix.core.token.control;

import io.novix.core.token.entity.ApiToken;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Optional;

/**
 * Reads token rows inside a container transaction: a transaction-scoped EntityManager used
 * outside one leaves Liberty's local transaction to clean up a closed connection.
 */
@Stateless
public class TokenStore {

    @PersistenceContext(unitName = "novix")
    EntityManager em;

    public Optional<TokenSnapshot> byPrefix(String prefix) {
        return em.createNamedQuery(ApiToken.BY_PREFIX, ApiToken.class)
                .setParameter("prefix", prefix)
                .getResultStream()
                .findFirst()
                .map(TokenSnapshot::of);
    }
}
