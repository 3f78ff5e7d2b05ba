package io.novix.core.siem.boundary;

import io.novix.core.audit.boundary.AuditFeed;
import io.novix.core.audit.entity.FeedEntry;
import io.novix.core.kernel.Periodic;
import io.novix.core.siem.control.HecClient;
import io.novix.core.siem.entity.SiemEvent;
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
import org.eclipse.microprofile.metrics.MetricRegistry;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Forwards every audit entry to Splunk HEC (docs/audit.md#siem), from the trail itself as outbox:
 * per chain, the entries after the last acknowledged one, in order, in batches; the position moves
 * only once HEC's indexer acknowledgement says a batch is indexed, so a collector that is down, busy
 * (503) or loses acknowledgements gets the batch again — at least once, each event with its stable
 * id. One instance forwards at a time (advisory lock); a failing collector is retried with backoff.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN) // its own JDBC transaction, under a lock
public class SiemForwarder {

    private static final Logger LOG = Logger.getLogger(SiemForwarder.class.getName());
    private static final long LOCK = 0x4e6f766978_53L; // "Novix" S(IEM)
    private static final int BATCHES_PER_CHAIN = 20;

    @Resource(lookup = "jdbc/novix")
    DataSource dataSource;

    @Inject
    AuditFeed feed;

    @Inject
    HecClient hec;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    MetricRegistry registry;

    @Inject
    @ConfigProperty(name = "NOVIX_SIEM_HEC_URL", defaultValue = " ")
    String url;

    @Inject
    @ConfigProperty(name = "NOVIX_SIEM_HEC_TOKEN", defaultValue = " ")
    String token;

    @Inject
    @ConfigProperty(name = "NOVIX_SIEM_FORMAT", defaultValue = "novix")
    String format;

    @Inject
    @ConfigProperty(name = "NOVIX_SIEM_INTERVAL", defaultValue = "PT2S")
    Duration interval;

    @Inject
    @ConfigProperty(name = "NOVIX_SIEM_BATCH", defaultValue = "500")
    int batchSize;

    @Inject
    @ConfigProperty(name = "NOVIX_SIEM_ACK_TIMEOUT", defaultValue = "PT30S")
    Duration ackTimeout;

    @Inject
    @ConfigProperty(name = "NOVIX_SIEM_BACKOFF_MAX", defaultValue = "PT1M")
    Duration backoffMax;

    private URI collector;
    private SiemEvent.Format eventFormat;
    private final UUID channel = UUID.randomUUID();
    private final String host = host();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private long backoffMs;
    private long quietUntil;
    private volatile long lastComplete = System.nanoTime();
    private Periodic ticking;

    @PostConstruct
    void start() {
        if (url == null || url.isBlank()) {
            LOG.info("SIEM forwarding off (NOVIX_SIEM_HEC_URL unset)");
            return;
        }
        collector = URI.create(url.strip());
        if (!collector.isAbsolute() || !List.of("http", "https").contains(collector.getScheme()) || token.isBlank()) {
            throw new IllegalStateException("NOVIX_SIEM_HEC_URL must be an http(s) URL and NOVIX_SIEM_HEC_TOKEN set");
        }
        eventFormat = SiemEvent.Format.valueOf(format.strip().toUpperCase(java.util.Locale.ROOT));
        registry.gauge("novix.siem.forwarded", forwarded::get);
        registry.gauge("novix.siem.failures", failures::get);
        // outbox lag as an alert can read it: how long since a round last got every entry it read acknowledged
        registry.gauge("novix.siem.delivery.age.seconds", () -> (System.nanoTime() - lastComplete) / 1_000_000_000.0);
        ticking = Periodic.every(scheduler, interval, this::round, LOG, "SIEM forwarding");
        LOG.info(() -> "SIEM forwarding to " + collector.getHost() + " as " + eventFormat); // never the token
    }

    @PreDestroy
    void stop() {
        if (ticking != null) {
            ticking.close();
        }
    }

    /** One round: every chain's entries after its acknowledged position, as far as the collector takes them. */
    public synchronized void round() {
        if (System.nanoTime() < quietUntil) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (locked(c)) {
                    forward(c);
                } else {
                    lastComplete = System.nanoTime(); // another instance forwards: this one is not behind
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SIEM forwarding: " + e.getMessage(), e);
        }
    }

    private void forward(Connection c) throws SQLException {
        for (Position p : positions(c)) {
            long last = p.lastSeq();
            for (int b = 0; b < BATCHES_PER_CHAIN; b++) {
                List<FeedEntry> batch = feed.after(p.chain(), last, batchSize);
                if (batch.isEmpty()) {
                    if (p.ended()) {
                        save(c, p.chain(), last, true);
                    }
                    break;
                }
                if (!delivered(batch)) {
                    return; // the collector is away or lost the batch: the same entries go again after the backoff
                }
                last = batch.get(batch.size() - 1).content().seq();
                save(c, p.chain(), last, false);
                forwarded.addAndGet(batch.size());
                if (batch.size() < batchSize) {
                    break;
                }
            }
        }
        backoffMs = 0;
        lastComplete = System.nanoTime();
    }

    /** Sent and, where the collector acknowledges, indexed. */
    private boolean delivered(List<FeedEntry> batch) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(batch.size() * 1024);
        for (FeedEntry e : batch) {
            body.writeBytes(SiemEvent.of(e, eventFormat, host).toString().getBytes(StandardCharsets.UTF_8));
            body.write('\n');
        }
        try {
            long ack = hec.send(collector, token, channel, body.toByteArray());
            if (ack < 0 || indexed(ack)) {
                return true;
            }
            LOG.warning(() -> "SIEM: batch (ack " + ack + ") not acknowledged within " + ackTimeout + "; sent again");
        } catch (HecClient.Refused e) {
            LOG.warning(() -> "SIEM: " + e.getMessage() + "; retried with backoff");
        }
        failed();
        return false;
    }

    private boolean indexed(long ack) {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (hec.acknowledged(collector, token, channel, List.of(ack)).contains(ack)) {
                    return true;
                }
            } catch (HecClient.Refused e) {
                // asked again until the deadline
            }
            try {
                Thread.sleep(100); // HEC's own pacing for ack polling; not a test's synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private void failed() {
        failures.incrementAndGet();
        backoffMs = Math.min(Math.max(500, backoffMs * 2), backoffMax.toMillis());
        quietUntil = System.nanoTime() + backoffMs * 1_000_000;
    }

    private record Position(UUID chain, long lastSeq, boolean ended) {
    }

    private static boolean locked(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            q.setLong(1, LOCK);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Chains not forwarded to their end: position, and whether their writer ended (no entry will follow). */
    private static List<Position> positions(Connection c) throws SQLException {
        List<Position> out = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT k.chain_id, coalesce(s.last_seq, 0), "
                + "EXISTS (SELECT 1 FROM audit_chain_reconciled r WHERE r.chain_id = k.chain_id) "
                + "FROM audit_chain k LEFT JOIN siem_cursor s ON s.chain_id = k.chain_id "
                + "WHERE s.complete IS NOT TRUE ORDER BY k.started_at");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                out.add(new Position(rs.getObject(1, UUID.class), rs.getLong(2), rs.getBoolean(3)));
            }
        }
        return out;
    }

    private static void save(Connection c, UUID chain, long seq, boolean complete) throws SQLException {
        try (PreparedStatement u = c.prepareStatement("INSERT INTO siem_cursor (chain_id, last_seq, complete, updated_at) "
                + "VALUES (?, ?, ?, now()) ON CONFLICT (chain_id) DO UPDATE SET last_seq = EXCLUDED.last_seq, "
                + "complete = EXCLUDED.complete, updated_at = now()")) {
            u.setObject(1, chain, Types.OTHER);
            u.setLong(2, seq);
            u.setBoolean(3, complete);
            u.executeUpdate();
        }
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "novix";
        }
    }
}
