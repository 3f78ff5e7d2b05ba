package io.novix.core.kernel;

import jakarta.persistence.EntityManager;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The two things every settings store does with one row by its id: read it detached (what callers
 * get never writes back by accident), and create-or-change it, flushed so a conflict is seen here.
 */
public final class Rows {

    private Rows() {
    }

    public static <T> Optional<T> detached(EntityManager em, Class<T> type, Object id) {
        T row = em.find(type, id);
        if (row != null) {
            em.detach(row);
        }
        return Optional.ofNullable(row);
    }

    /** The row of {@code id}, made by {@code create} when there is none, with {@code change} applied and flushed. */
    public static <T> T upsert(EntityManager em, Class<T> type, Object id, Supplier<T> create, Consumer<T> change) {
        T row = em.find(type, id);
        if (row == null) {
            row = create.get();
            change.accept(row);
            em.persist(row);
        } else {
            change.accept(row);
        }
        em.flush();
        return row;
    }

    /** Removes the row of {@code id}; false when there was none. */
    public static <T> boolean remove(EntityManager em, Class<T> type, Object id) {
        T row = em.find(type, id);
        if (row == null) {
            return false;
        }
        em.remove(row);
        return true;
    }
}
