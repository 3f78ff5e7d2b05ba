package io.novix.core.quota.control;

import java.time.Instant;

/**
 * What one instance holds of one counter in one period: permits leased from PostgreSQL and not yet
 * taken. Taking is from memory; only when the local part runs out does a lease go to the database,
 * for a block sized so that instances strand little when the limit is nearly spent.
 */
public final class Lease {

    /** A counter that refused (nothing left) is not asked again for this long. */
    static final long EXHAUSTED_NANOS = 200_000_000L;

    private final String key;
    private final Instant period;
    private final Instant periodEnd;
    private final LimitLedger ledger;
    private long local;
    private long lastUsed;
    private long exhaustedUntil;
    /** The smallest amount refused while exhausted: smaller asks may still fit and go to the database. */
    private long exhaustedAt = Long.MAX_VALUE;
    private volatile long touched = System.nanoTime();

    Lease(String key, Instant period, Instant periodEnd, LimitLedger ledger) {
        this.key = key;
        this.period = period;
        this.periodEnd = periodEnd;
        this.ledger = ledger;
    }

    /** Takes {@code n} under {@code limit}: true when taken (from memory, or after a lease). */
    public synchronized boolean take(long n, long limit) {
        touched = System.nanoTime();
        if (local >= n) {
            local -= n;
            return true;
        }
        if (touched < exhaustedUntil && n >= exhaustedAt) {
            return false;
        }
        LimitLedger.Grant g = ledger.lease(key, period, n - local + block(limit, n), limit);
        local += g.granted();
        lastUsed = g.used();
        if (local >= n) {
            local -= n;
            return true;
        }
        exhaustedAt = touched < exhaustedUntil ? Math.min(exhaustedAt, n) : n;
        exhaustedUntil = touched + EXHAUSTED_NANOS;
        if (local > 0 && n > 1) { // a part too small for this call: others may use it
            ledger.add(key, period, -local);
            lastUsed -= local;
            local = 0;
        }
        return false;
    }

    /** Takes {@code n} whatever the limit (a call used more than it reserved). */
    public synchronized void force(long n) {
        if (local >= n) {
            local -= n;
        } else {
            lastUsed = ledger.add(key, period, n - local);
            local = 0;
        }
    }

    /** What a call reserved and did not use goes back to the local part. */
    public synchronized void putBack(long n) {
        local += n;
        exhaustedUntil = 0;
        exhaustedAt = Long.MAX_VALUE;
    }

    /** Hands the local part back to PostgreSQL (idle, or shutting down); true when something went back. */
    synchronized boolean handBack() {
        if (local <= 0 || !Instant.now().isBefore(periodEnd)) {
            local = 0;
            return false;
        }
        lastUsed = ledger.add(key, period, -local);
        local = 0;
        return true;
    }

    /** About how much is left for the whole tenant: the counter as last seen, plus what this instance holds. */
    public synchronized long remaining(long limit) {
        return Math.max(0, limit - lastUsed + local);
    }

    /**
     * Lease blocks: about a hundredth of the limit, or eight of the current ask when calls ask for
     * more (a token reservation is thousands: a block smaller than a few calls would mean a
     * database round trip per call), but at most an eighth of what was left at the last lease, so
     * that near the limit instances take one at a time and strand almost nothing.
     */
    private long block(long limit, long ask) {
        long left = Math.max(0, limit - lastUsed);
        return Math.max(0, Math.min(Math.max(Math.max(1, limit / 100), 8 * ask), left / 8));
    }

    boolean idleFor(long nanos) {
        return System.nanoTime() - touched > nanos;
    }

    boolean over(Instant now) {
        return !now.isBefore(periodEnd);
    }

    public Instant periodEnd() {
        return periodEnd;
    }
}
