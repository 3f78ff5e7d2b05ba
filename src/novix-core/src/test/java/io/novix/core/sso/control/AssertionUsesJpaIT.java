package io.novix.core.sso.control;

import io.novix.core.tenant.entity.Tenant;
import io.novix.core.tenant.entity.Tier;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hardening class 7 across instances: two persistence units on their own connection pools (two
 * Novix instances) on one PostgreSQL race to consume the same SAML assertion; exactly one wins,
 * whatever the interleaving, and a sign-in that rolls back leaves the assertion unused.
 */
class AssertionUsesJpaIT {

    private static EmbeddedPostgres pg;
    private static EntityManagerFactory instanceA;
    private static EntityManagerFactory instanceB;
    private static UUID tenant;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        instanceA = unit(pg.getPostgresDatabase());
        instanceB = unit(pg.getPostgresDatabase());
        EntityManager em = instanceA.createEntityManager();
        em.getTransaction().begin();
        Tenant t = new Tenant("saml-" + UUID.randomUUID().toString().substring(0, 8), "SAML", Tier.GOVERNMENT, "us-gov-1",
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        em.persist(t);
        em.getTransaction().commit();
        tenant = t.id();
        em.close();
    }

    private static EntityManagerFactory unit(DataSource ds) {
        return Persistence.createEntityManagerFactory("novix", Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.nonJtaDataSource", ds,
                "hibernate.transaction.jta.platform", "org.hibernate.engine.transaction.jta.platform.internal.NoJtaPlatform"));
    }

    @AfterAll
    static void stop() throws Exception {
        instanceA.close();
        instanceB.close();
        pg.close();
    }

    /** One sign-in's transaction on one instance: consume the assertion, then commit (or roll back). */
    private static boolean signIn(EntityManagerFactory instance, String assertionId, boolean commit) {
        EntityManager em = instance.createEntityManager();
        try {
            em.getTransaction().begin();
            AssertionUses uses = new AssertionUses();
            uses.em = em;
            boolean first = uses.firstUse(tenant, assertionId, Instant.now().plusSeconds(300));
            if (commit) {
                em.getTransaction().commit();
            } else {
                em.getTransaction().rollback();
            }
            return first;
        } finally {
            em.close();
        }
    }

    @Test
    void concurrentUsesOnTwoInstancesLetExactlyOneSignIn() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 10; round++) {
                String id = "_" + UUID.randomUUID();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> attempts = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    EntityManagerFactory instance = i % 2 == 0 ? instanceA : instanceB;
                    Callable<Boolean> attempt = () -> {
                        go.await();
                        return signIn(instance, id, true);
                    };
                    attempts.add(pool.submit(attempt));
                }
                go.countDown();
                int winners = 0;
                for (Future<Boolean> f : attempts) {
                    winners += f.get() ? 1 : 0;
                }
                assertEquals(1, winners, "round " + round + ": one assertion, one sign-in across both instances");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aUseOnOneInstanceIsSeenOnTheOtherAndARolledBackSignInUsesNothing() {
        String id = "_" + UUID.randomUUID();
        assertTrue(signIn(instanceA, id, false), "free, but this sign-in fails later and rolls back");
        assertTrue(signIn(instanceB, id, true), "so the assertion is still unused");
        assertFalse(signIn(instanceA, id, true), "consumed on B: refused on A");
        assertFalse(signIn(instanceA, null, true), "no id: cannot be tracked, refused");
    }
}
