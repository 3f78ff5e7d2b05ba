package io.novix.core.credentials.control;

import io.novix.core.credentials.entity.UpstreamCredential;
import io.novix.core.kernel.Rows;
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
        return Rows.detached(em, UpstreamCredential.class, scope);
    }

    public List<UpstreamCredential> all() {
        List<UpstreamCredential> rows = em.createQuery("SELECT c FROM UpstreamCredential c ORDER BY c.scope", UpstreamCredential.class)
                .getResultList();
        rows.forEach(em::detach);
        return rows;
    }

    public UpstreamCredential save(String scope, String kekId, byte[] sealed, String fingerprint) {
        return Rows.upsert(em, UpstreamCredential.class, scope, () -> new UpstreamCredential(scope),
                c -> c.set(kekId, sealed, fingerprint, Instant.now()));
    }

    public boolean remove(String scope) {
        return Rows.remove(em, UpstreamCredential.class, scope);
    }
}
