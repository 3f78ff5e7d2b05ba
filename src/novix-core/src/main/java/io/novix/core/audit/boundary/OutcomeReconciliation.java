package io.novix.core.audit.boundary;

import io.novix.core.audit.control.AuditWriter;
import io.novix.core.audit.control.OpenAdmissions;
import io.novix.core.kernel.Periodic;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Write-ahead audit, after a crash (docs/audit.md#write-ahead): every instance says it is alive
 * (its chain's beat), and closes the chains whose writer ended — its own earlier runs at once when it
 * starts, any other instance's once that one has not beaten for {@code NOVIX_AUDIT_WRITER_STALE_AFTER}
 * — by giving each admission left without an outcome an explicit {@code OUTCOME_UNKNOWN} outcome entry
 * (its reservation charged in full). Runs at start and every {@code NOVIX_AUDIT_RECONCILE_INTERVAL}.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@jakarta.ejb.TransactionManagement(jakarta.ejb.TransactionManagementType.BEAN) // its own JDBC transaction, under a lock
public class OutcomeReconciliation {

    private static final Logger LOG = Logger.getLogger(OutcomeReconciliation.class.getName());

    @Resource(lookup = "jdbc/novix")
    DataSource dataSource;

    @Inject
    AuditWriter writer;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "NOVIX_AUDIT_RECONCILE_INTERVAL", defaultValue = "PT30S")
    Duration interval;

    @Inject
    @ConfigProperty(name = "NOVIX_AUDIT_WRITER_STALE_AFTER", defaultValue = "PT2M")
    Duration staleAfter;

    private Periodic ticking;

    @PostConstruct
    void start() {
        try {
            int closed = round();
            if (closed > 0) {
                LOG.warning(closed + " admitted calls of ended audit writers had no outcome; recorded as OUTCOME_UNKNOWN");
            }
        } catch (RuntimeException e) { // the database may come later: the next round does it
            LOG.warning("audit reconciliation at start: " + e.getMessage());
        }
        ticking = Periodic.every(scheduler, interval, this::round, LOG, "audit reconciliation");
    }

    @PreDestroy
    void stop() {
        if (ticking != null) {
            ticking.close();
        }
    }

    /** This instance's beat, then the ended chains closed; how many OUTCOME_UNKNOWN entries were written. */
    public synchronized int round() {
        try (Connection c = dataSource.getConnection()) {
            OpenAdmissions open = new OpenAdmissions(c, writer);
            open.beat();
            return open.closeEndedChains(staleAfter);
        } catch (SQLException e) {
            throw new AuditUnavailable("audit reconciliation: " + e.getMessage(), e);
        }
    }
}
