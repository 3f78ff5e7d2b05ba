package io.novix.core.dedicated.control;

import io.novix.core.dedicated.entity.DedicatedEndpoint;
import io.novix.core.dedicated.entity.EndpointState;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The dedicated_endpoint rows. */
@Stateless
public class DedicatedStore {

    @PersistenceContext(unitName = "novix")
    EntityManager em;

    public boolean nameTaken(String name) {
        return !em.createQuery("SELECT d.id FROM DedicatedEndpoint d WHERE d.name = :n", UUID.class).setParameter("n", name)
                .getResultList().isEmpty();
    }

    public DedicatedEndpoint add(DedicatedEndpoint d) {
        em.persist(d);
        em.flush();
        return d;
    }

    public Optional<DedicatedEndpoint> find(UUID tenant, String name) {
        return em.createQuery("SELECT d FROM DedicatedEndpoint d WHERE d.tenantId = :t AND d.name = :n", DedicatedEndpoint.class)
                .setParameter("t", tenant).setParameter("n", name).getResultStream().findFirst();
    }

    public List<DedicatedEndpoint> of(UUID tenant) {
        return em.createQuery("SELECT d FROM DedicatedEndpoint d WHERE d.tenantId = :t ORDER BY d.name", DedicatedEndpoint.class)
                .setParameter("t", tenant).getResultList();
    }

    public DedicatedEndpoint observed(UUID id, EndpointState state, String url, UUID modelEndpoint) {
        DedicatedEndpoint d = em.find(DedicatedEndpoint.class, id);
        d.observed(state, url, Instant.now());
        if (modelEndpoint != null) {
            d.routedAs(modelEndpoint);
        }
        em.flush();
        return d;
    }

    public void remove(UUID id) {
        DedicatedEndpoint d = em.find(DedicatedEndpoint.class, id);
        if (d != null) {
            em.remove(d);
        }
    }
}
