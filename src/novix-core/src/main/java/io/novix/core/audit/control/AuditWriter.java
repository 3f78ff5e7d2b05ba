package io.novix.core.audit.control;

import io.novix.core.audit.boundary.AuditUnavailable;

import io.novix.core.audit.entity.AuditEntry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit: request threads enqueue entries and get a future; one writer thread drains
 * whatever has queued up (up to {@code novix.audit.max-batch}) and commits it in a single
 * PostgreSQL transaction, then completes every future of the batch. Under load, one commit
 * carries hundreds of requests; when idle, an entry is written at once. A caller answers its
 * client only after its future completes, so nothing that was answered can be missing.
 * An entry no caller waits for ({@link #appendLater}) does not wake the writer: waking it from a
 * request thread cost that call about 0.2 ms before its answer (measured at one connection).
 */
@OneInstance
public class AuditWriter {

    private static final Logger LOG = Logger.getLogger(AuditWriter.class.getName());

    private record Pending(AuditEntry entry, CompletableFuture<Void> done) {
    }

    @Resource(lookup = "jdbc/novix")
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "novix.audit.queue-capacity", defaultValue = "65536")
    int capacity;

    @Inject
    @ConfigProperty(name = "novix.audit.max-batch", defaultValue = "1000")
    int maxBatch;

    @Inject
    @ConfigProperty(name = "novix.audit.write-attempts", defaultValue = "3")
    int writeAttempts;

    /** Absent only when the writer runs outside the container (the persistence tests). */
    @Inject
    MetricRegistry registry;

    /** Signs the chain's head at shutdown (absent outside the container). */
    @Inject
    CheckpointSigner signer;

    /** While the writer is busy it looks at least this often for entries appended later. */
    long laterWaitMs = 10;
    /** After this long without any entry, the writer dozes (polls of dozeWaitMs) and an entry appended later wakes it. */
    long dozeAfterNanos = TimeUnit.SECONDS.toNanos(1);
    long dozeWaitMs = 100;
    private static final Pending WAKE = new Pending(null, null);

    private BlockingQueue<Pending> queue;
    /** Entries no caller waits for: taken at the writer's next look, see {@link #appendLater}. */
    private final ConcurrentLinkedQueue<Pending> later = new ConcurrentLinkedQueue<>();
    private final AtomicInteger laterCount = new AtomicInteger();
    private volatile boolean dozing;
    /** Releases a committed batch's callers off the writer thread, one task per batch. */
    private ExecutorService completions;
    private volatile boolean running;
    private boolean wayTold; // the writer thread's own
    private Thread writer;
    private final AtomicLong commits = new AtomicLong();
    private final TokenTouches touches = new TokenTouches();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    /**
     * Names this server among the instances sharing the database; an instance reconciles the chains
     * of its own earlier runs at start. Default: host and working directory (one Liberty server each).
     */
    @Inject
    @ConfigProperty(name = "novix.instance.id", defaultValue = " ")
    String instanceId;

    /** This writer's hash chain (one per start); only the writer thread moves it. */
    private ChainCursor chain;
    private final String writerName = writerName();
    /** The chain's committed head, for signed checkpoints: null before the first commit. */
    private volatile Head head;

    /** A chain's last committed entry: its sequence number and hash. */
    public record Head(java.util.UUID chain, long seq, byte[] hash) {
    }

    @PostConstruct
    void start() {
        instanceId = instanceId == null || instanceId.isBlank() ? defaultInstance() : instanceId.strip();
        instanceId = instanceId.length() > 300 ? instanceId.substring(0, 300) : instanceId;
        chain = new ChainCursor(java.util.UUID.randomUUID(), instanceId);
        queue = new ArrayBlockingQueue<>(capacity);
        completions = Executors.newFixedThreadPool(2, threads);
        running = true;
        if (registry != null) { // the alarm, at /metrics: novix_audit_quarantined, novix_audit_lost
            registry.gauge("novix.audit.quarantined", quarantined::get);
            registry.gauge("novix.audit.lost", lost::get);
            registry.gauge("novix.audit.queued", this::queued);
            registry.gauge("novix.audit.commits", commits::get);
        }
        writer = threads.newThread(this::drainLoop);
        writer.setName("novix-audit-writer");
        writer.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        queue.offer(WAKE); // not to wait out the writer's poll
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.removeIf(p -> p == WAKE);
        Pending next;
        while ((next = later.poll()) != null) {
            left.add(next);
        }
        if (!left.isEmpty()) {
            commit(left);
        }
        if (signer != null && head != null) {
            try {
                signer.checkpoint(head); // the last entries of this chain are covered too: a truncated tail shows
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "final audit checkpoint not written: {0}", e.getMessage());
            }
        }
        completions.shutdown();
    }

    /** Completes once the entry is committed; fails with {@link AuditUnavailable} otherwise. */
    public CompletableFuture<Void> append(AuditEntry entry) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!running || !queue.offer(new Pending(entry, done))) {
            done.completeExceptionally(new AuditUnavailable("audit queue full or closed", null));
        }
        return done;
    }

    /**
     * As {@link #append}, for an entry no caller waits for (a write-ahead outcome): it is queued without
     * waking the writer, which takes it within {@code laterWaitMs} (10 ms) while it is busy (under load at
     * once, with the next admission entry), or is woken for it when it dozes.
     */
    public CompletableFuture<Void> appendLater(AuditEntry entry) {
        if (laterCount.incrementAndGet() > capacity) {
            laterCount.decrementAndGet();
            return append(entry);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!running) {
            laterCount.decrementAndGet();
            done.completeExceptionally(new AuditUnavailable("audit queue closed", null));
            return done;
        }
        later.add(new Pending(entry, done));
        if (dozing) { // read after the add: a writer about to doze either sees the entry or is woken here
            queue.offer(WAKE);
        }
        return done;
    }

    public long commits() {
        return commits.get();
    }

    public long rows() {
        return rows.get();
    }

    public int queued() {
        return queue.size() + laterCount.get();
    }

    private void drainLoop() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        long lastEntry = System.nanoTime();
        while (running || !queue.isEmpty() || !later.isEmpty()) {
            try {
                boolean doze = System.nanoTime() - lastEntry > dozeAfterNanos;
                dozing = doze;
                if (doze && !later.isEmpty()) { // read after dozing is set: see appendLater
                    doze = false;
                }
                Pending first = queue.poll(doze ? dozeWaitMs : laterWaitMs, TimeUnit.MILLISECONDS);
                dozing = false;
                if (first != null && first != WAKE) {
                    batch.add(first);
                }
                queue.drainTo(batch, maxBatch - batch.size());
                takeLater(batch);
                batch.removeIf(p -> p == WAKE);
                if (batch.isEmpty()) {
                    continue;
                }
                lastEntry = System.nanoTime();
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void takeLater(List<Pending> batch) {
        Pending next;
        while (batch.size() < maxBatch && (next = later.poll()) != null) {
            laterCount.decrementAndGet();
            batch.add(next);
        }
    }

    private void commit(List<Pending> batch) {
        List<AuditEntry> entries = batch.stream().map(Pending::entry).toList();
        SQLException last = null;
        for (int attempt = 1; attempt <= writeAttempts; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                if (!wayTold) { // once: INSERTs cost the writer twice and the database 1.4 times the CPU per row
                    LOG.info(AuditBatch.copies(c) ? "audit batches of " + AuditBatch.COPY_FROM + " rows or more are written with COPY"
                            : "audit batches are written as INSERTs: the connection does not unwrap to PostgreSQL's driver");
                    wayTold = true;
                }
                AuditBatch.Written written = AuditBatch.write(c, entries, chain, writerName, touches);
                if (chain.nextSeq() > 1) {
                    head = new Head(chain.id(), chain.nextSeq() - 1, chain.lastHash());
                }
                commits.incrementAndGet();
                rows.addAndGet(entries.size() - written.lost().size());
                alarm(written);
                List<Pending> done = List.copyOf(batch);
                completions.execute(() -> {
                    for (int i = 0; i < done.size(); i++) {
                        if (written.lost().contains(i)) { // only this request is refused (503): never served unaudited
                            done.get(i).done().completeExceptionally(new AuditUnavailable("audit entry refused", null));
                        } else {
                            done.get(i).done().complete(null);
                        }
                    }
                });
                return;
            } catch (SQLException e) {
                last = e;
                LOG.log(Level.WARNING, "audit batch of {0} failed (attempt {1}): {2}",
                        new Object[]{entries.size(), attempt, e.getMessage()});
                pause(attempt);
            }
        }
        AuditUnavailable failure = new AuditUnavailable("audit trail unavailable", last);
        List<Pending> failed = List.copyOf(batch);
        completions.execute(() -> failed.forEach(p -> p.done().completeExceptionally(failure)));
    }

    /** A quarantined or lost entry is an alarm: counted at /metrics and logged (never its values). */
    private void alarm(AuditBatch.Written written) {
        if (!written.quarantined().isEmpty()) {
            quarantined.addAndGet(written.quarantined().size());
            LOG.log(Level.SEVERE, "AUDIT ALARM: {0} audit entries quarantined (refused as written; SQLStates {1}); "
                    + "query audit_record WHERE quarantined", new Object[]{written.quarantined().size(),
                    new java.util.TreeSet<>(written.quarantined().values())});
        }
        if (!written.lost().isEmpty()) {
            lost.addAndGet(written.lost().size());
            LOG.log(Level.SEVERE, "AUDIT ALARM: {0} audit entries refused even in quarantined form; their requests were refused",
                    written.lost().size());
        }
    }

    /** The committed head of this writer's chain, if it has written anything. */
    public java.util.Optional<Head> head() {
        return java.util.Optional.ofNullable(head);
    }

    /** This server's name among the instances (novix.instance.id). */
    public String instance() {
        return instanceId;
    }

    /** The chain this writer appends to (this run's epoch). */
    public java.util.UUID chainId() {
        return chain.id();
    }

    private static String defaultInstance() {
        return host() + ":" + System.getProperty("user.dir", "");
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }

    private static String writerName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        String name = host + "/pid " + ProcessHandle.current().pid();
        return name.length() > 200 ? name.substring(0, 200) : name;
    }

    public long quarantined() {
        return quarantined.get();
    }

    public long lost() {
        return lost.get();
    }

    private static void pause(int attempt) {
        try {
            TimeUnit.MILLISECONDS.sleep(50L << attempt); // back off before retrying the database
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
