package io.novix.core.audit.control;

import io.novix.core.audit.entity.ChainedRow;

import java.util.UUID;

/**
 * The head of this writer's hash chain: its id (one per writer start — an epoch — so several
 * instances each keep their own gap-free chain), the next sequence number and the last hash.
 * Only the writer thread touches it; a batch that rolls back resets it to its mark.
 */
final class ChainCursor {

    record Mark(long nextSeq, byte[] lastHash) {
    }

    private final UUID id;
    private final String instance;
    private long nextSeq = 1;
    private byte[] lastHash = ChainedRow.GENESIS;
    private boolean registered;

    ChainCursor(UUID id) {
        this(id, null);
    }

    /** {@code instance}: the server that writes it (its earlier chains are reconciled when it starts again). */
    ChainCursor(UUID id, String instance) {
        this.id = id;
        this.instance = instance;
    }

    String instance() {
        return instance;
    }

    UUID id() {
        return id;
    }

    long nextSeq() {
        return nextSeq;
    }

    /** Links {@code row} (built with {@link #nextSeq}) to the chain; its hash. */
    byte[] append(ChainedRow row) {
        if (row.seq() != nextSeq || !row.chainId().equals(id)) {
            throw new IllegalStateException("an entry out of its chain's order");
        }
        lastHash = row.hash(lastHash);
        nextSeq++;
        return lastHash;
    }

    Mark mark() {
        return new Mark(nextSeq, lastHash);
    }

    void reset(Mark mark) {
        nextSeq = mark.nextSeq();
        lastHash = mark.lastHash();
    }

    byte[] lastHash() {
        return lastHash.clone();
    }

    boolean registered() {
        return registered;
    }

    void registered(boolean yes) {
        registered = yes;
    }
}
