package io.novix.core.audit.entity;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A signed statement that chain {@code chain} had {@code seq} entries ending in {@code headHash}
 * at {@code signedAt}; it also signs the previous checkpoint's signature, so checkpoints form a
 * chain of their own (as CloudTrail's digest files do). {@link #signedBytes} is what Ed25519 signs.
 */
public record Checkpoint(UUID chain, long seq, byte[] headHash, Instant signedAt, byte[] previousSignature, String keyId) {

    private static final byte[] VERSION = "novix-audit-checkpoint-v1".getBytes(StandardCharsets.US_ASCII);

    public byte[] signedBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(160);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(VERSION);
            out.writeUTF(chain.toString());
            out.writeLong(seq);
            out.write(headHash);
            out.writeLong(ChronoUnit.MICROS.between(Instant.EPOCH, signedAt));
            out.writeInt(previousSignature == null ? -1 : previousSignature.length);
            if (previousSignature != null) {
                out.write(previousSignature);
            }
            out.writeUTF(keyId);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}
