package io.novix.core.modelroute.control;

import io.novix.core.modelroute.entity.ModelRoute;
import io.novix.core.modelroute.entity.RouteSetting;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The model_route rows: a null tenant is the platform's route. */
@Stateless
public class RouteStore {

    @PersistenceContext(unitName = "novix")
    EntityManager em;

    public Optional<RouteSetting> find(UUID tenant, String name) {
        List<RouteSetting> rows = (tenant == null
                ? em.createQuery("SELECT r FROM RouteSetting r WHERE r.tenantId IS NULL AND r.name = :n", RouteSetting.class)
                : em.createQuery("SELECT r FROM RouteSetting r WHERE r.tenantId = :t AND r.name = :n", RouteSetting.class)
                        .setParameter("t", tenant))
                .setParameter("n", name).getResultList();
        rows.forEach(em::detach);
        return rows.stream().findFirst();
    }

    public List<RouteSetting> list(UUID tenant) {
        List<RouteSetting> rows = (tenant == null
                ? em.createQuery("SELECT r FROM RouteSetting r WHERE r.tenantId IS NULL ORDER BY r.name", RouteSetting.class)
                : em.createQuery("SELECT r FROM RouteSetting r WHERE r.tenantId = :t ORDER BY r.name", RouteSetting.class)
                        .setParameter("t", tenant)).getResultList();
        rows.forEach(em::detach);
        return rows;
    }

    public RouteSetting save(UUID tenant, ModelRoute route) {
        RouteSetting row = find(tenant, route.name()).map(r -> em.find(RouteSetting.class, idOf(r))).orElse(null);
        if (row == null) {
            row = new RouteSetting(tenant, route.name());
            row.set(route, Instant.now());
            em.persist(row);
        } else {
            row.set(route, Instant.now());
        }
        em.flush();
        return row;
    }

    public boolean remove(UUID tenant, String name) {
        return find(tenant, name).map(r -> {
            em.remove(em.find(RouteSetting.class, idOf(r)));
            return true;
        }).orElse(false);
    }

    private static UUID idOf(RouteSetting r) {
        return r.id();
    }
}
