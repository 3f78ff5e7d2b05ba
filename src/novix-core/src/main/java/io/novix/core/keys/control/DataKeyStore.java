package io.novix.core.keys.control;

import io.novix.core.keys.entity.DataKey;
import io.novix.core.keys.entity.Kek;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import javax.crypto.SecretKey;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The data-key rows: the newest of a tenant, one version, a new version, and re-wrapping. */
@Stateless
public class DataKeyStore {

    @PersistenceContext(unitName = "novix")
    EntityManager em;

    public Optional<DataKey> newest(UUID tenant) {
        List<DataKey> keys = em.createQuery("SELECT k FROM DataKey k WHERE k.tenantId = :t ORDER BY k.version DESC", DataKey.class)
                .setParameter("t", tenant).setMaxResults(1).getResultList();
        keys.forEach(em::detach);
        return keys.stream().findFirst();
    }

    public Optional<DataKey> find(UUID tenant, int version) {
        DataKey k = em.find(DataKey.class, tenant + "/" + version);
        if (k != null) {
            em.detach(k);
        }
        return Optional.ofNullable(k);
    }

    /** Stores a new version; fails (a unique key) when another instance stored the same version first. */
    public void create(UUID tenant, int version, SecretKey key, Kek kek) {
        em.persist(new DataKey(tenant, version, key, kek, Instant.now()));
        em.flush();
    }

    /** Ids of the keys not wrapped under {@code kekId}. */
    public List<String> wrappedUnderOtherThan(String kekId) {
        return em.createQuery("SELECT k.id FROM DataKey k WHERE k.kekId <> :kek ORDER BY k.id", String.class)
                .setParameter("kek", kekId).getResultList();
    }

    public List<Object[]> countByKek() {
        return em.createQuery("SELECT k.kekId, COUNT(k) FROM DataKey k GROUP BY k.kekId ORDER BY k.kekId", Object[].class).getResultList();
    }

    /**
     * Re-wraps one key under {@code to}, in its own transaction: a row at a time, so readers (who
     * hold every configured KEK) never wait, and an interrupted rotation simply resumes.
     */
    public boolean rewrap(String id, Kek from, Kek to) throws GeneralSecurityException {
        DataKey k = em.find(DataKey.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (k == null || k.kekId().equals(to.id()) || !k.kekId().equals(from.id())) {
            return false;
        }
        k.rewrap(from, to, Instant.now());
        return true;
    }

    public Optional<String> kekOf(String id) {
        DataKey k = em.find(DataKey.class, id);
        return Optional.ofNullable(k).map(DataKey::kekId);
    }
}
