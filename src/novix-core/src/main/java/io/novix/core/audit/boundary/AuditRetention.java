package io.novix.core.audit.boundary;

import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.identity.entity.Principal;
import io.novix.core.kernel.Periodic;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The audit trail's months (docs/audit.md#partitions-and-retention): at start and every
 * {@code NOVIX_AUDIT_RETENTION_INTERVAL} (1 h) this month's partition and the next
 * {@code NOVIX_AUDIT_PARTITIONS_AHEAD} (3) exist, and months older than the longest retention of the
 * tiers in use are dropped — each only once exported, and never while a tenant with entries in it is
 * under legal hold (the database function keeps those rules; the application cannot drop anything
 * itself). Every drop is an audit entry.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class AuditRetention {

    private static final Logger LOG = Logger.getLogger(AuditRetention.class.getName());

    @Resource(lookup = "jdbc/novix")
    DataSource dataSource;

    @Inject
    AuditTrail audit;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "NOVIX_AUDIT_RETENTION_INTERVAL", defaultValue = "PT1H")
    Duration interval;

    @Inject
    @ConfigProperty(name = "NOVIX_AUDIT_PARTITIONS_AHEAD", defaultValue = "3")
    int ahead;

    /** Days kept per tier (SOC 2: a year of evidence; HIPAA: six years; FedRAMP / NARA GRS 3.2: three). */
    @Inject
    @ConfigProperty(name = "NOVIX_AUDIT_RETENTION_DAYS_STANDARD", defaultValue = "400")
    int standardDays;

    @Inject
    @ConfigProperty(name = "NOVIX_AUDIT_RETENTION_DAYS_ENTERPRISE", defaultValue = "2200")
    int enterpriseDays;

    @Inject
    @ConfigProperty(name = "NOVIX_AUDIT_RETENTION_DAYS_GOVERNMENT", defaultValue = "1100")
    int governmentDays;

    private Periodic ticking;

    @PostConstruct
    void start() {
        if (Math.min(standardDays, Math.min(enterpriseDays, governmentDays)) < 30) {
            throw new IllegalStateException("audit retention below 30 days is refused");
        }
        try {
            round();
        } catch (RuntimeException e) {
            LOG.warning("audit partitions at start: " + e.getMessage());
        }
        ticking = Periodic.every(scheduler, interval, this::round, LOG, "audit retention");
    }

    @PreDestroy
    void stop() {
        if (ticking != null) {
            ticking.close();
        }
    }

    /** Partitions ahead made sure of, expired months dropped; the months dropped. */
    public synchronized List<String> round() {
        List<String> dropped = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement q = c.prepareStatement("SELECT audit_ensure_partitions(?)")) {
                q.setInt(1, ahead);
                q.execute();
            }
            int keepDays = keepDays(c);
            try (PreparedStatement q = c.prepareStatement("SELECT audit_drop_expired(make_interval(days => ?))")) {
                q.setInt(1, keepDays);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        dropped.add(rs.getString(1));
                    }
                }
            }
            for (String month : dropped) {
                LOG.warning(() -> "audit retention: month " + month + " dropped (exported, older than " + keepDays + " days, no hold)");
                audit.recordNow(AuditEntry.request(Instant.now(), "retention-" + UUID.randomUUID(), null,
                        new Principal("system:audit-retention"), "audit.retention.drop", month, 200, null, 0, null));
            }
        } catch (SQLException e) {
            throw new AuditUnavailable("audit retention: " + e.getMessage(), e);
        }
        return dropped;
    }

    /** The longest retention of the tiers that have tenants: a month holds every tier's entries. */
    private int keepDays(Connection c) throws SQLException {
        int keep = 30;
        try (PreparedStatement q = c.prepareStatement("SELECT DISTINCT tier FROM tenant"); ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                keep = Math.max(keep, switch (rs.getString(1)) {
                    case "ENTERPRISE" -> enterpriseDays;
                    case "GOVERNMENT" -> governmentDays;
                    default -> standardDays;
                });
            }
        }
        return keep;
    }
}
