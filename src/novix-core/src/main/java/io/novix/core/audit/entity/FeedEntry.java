package io.novix.core.audit.entity;

/** An audit entry as a feed hands it on: its row id, content (chain and sequence number included) and chain hash. */
public record FeedEntry(long rowId, ChainedRow content, byte[] entryHash) {

    /** Stable across resends and exports: {@code <chain id>:<sequence number>}. */
    public String eventId() {
        return content.chainId() + ":" + content.seq();
    }
}
