package io.novix.core.audit.entity;

import io.novix.audit.proof.CheckpointFormat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A signed statement that chain {@code chain} had {@code seq} entries ending in {@code headHash}
 * at {@code signedAt}; it also signs the previous checkpoint's signature, so checkpoints form a
 * chain of their own (as CloudTrail's digest files do). {@link #signedBytes} is what Ed25519 signs.
 */
public record Checkpoint(UUID chain, long seq, byte[] headHash, Instant signedAt, byte[] previousSignature, String keyId) {

    public byte[] signedBytes() {
        return CheckpointFormat.signedBytes(chain.toString(), seq, headHash, ChronoUnit.MICROS.between(Instant.EPOCH, signedAt),
                previousSignature, keyId);
    }
}
