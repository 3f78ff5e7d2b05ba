package io.novix.core.credentials.control;

import io.novix.core.credentials.entity.UpstreamCredential;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The upstream_credential rows. */
@Stateless
public class CredentialStore {

    @PersistenceContext(unitName = "novix")
    EntityManager em;

    public Optional<UpstreamCredential> find(String scope) {
        UpstreamCredential c = em.find(UpstreamCredential.class, scope);
        if (c != null) {
            em.detach(c);
        }
        return Optional.ofNullable(c);
    }

    public List<UpstreamCredential> all() {
        List<UpstreamCredential> rows = em.createQuery("SELECT c FROM UpstreamCredential c ORDER BY c.scope", UpstreamCredential.class)
                .getResultList();
        rows.forEach(em::detach);
        return rows;
    }

    public UpstreamCredential save(String scope, String kekId, byte[] sealed, String fingerprint) {
        UpstreamCredential c = em.find(UpstreamCredential.class, scope);
        if (c == null) {
            c = new UpstreamCredential(scope);
            c.set(kekId, sealed, fingerprint, Instant.now());
            em.persist(c);
        } else {
            c.set(kekId, sealed, fingerprint, Instant.now());
        }
        em.flush();
        return c;
    }

    public boolean remove(String scope) {
        UpstreamCredential c = em.find(UpstreamCredential.class, scope);
        if (c == null) {
            return false;
        }
        em.remove(c);
        return true;
    }
}
