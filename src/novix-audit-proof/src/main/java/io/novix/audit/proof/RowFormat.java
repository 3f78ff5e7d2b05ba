package io.novix.audit.proof;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The audit chain's canonical row encoding, in one place for the gateway (which writes the hashes)
 * and the offline verifier (which recomputes them from an export): the columns in a fixed order,
 * each value tagged null or not and length-prefixed, so no two different rows encode alike. An
 * entry's hash is SHA-256(version tag ‖ previous hash ‖ SHA-256(encoding)): an export proves the
 * chain across other tenants' rows by their content digests alone.
 */
public final class RowFormat {

    public enum Type { TEXT, LONG, INT, BOOL, BYTES }

    public record Field(String name, Type type) {
    }

    /** The columns, in encoding order, named as the export names them. */
    public static final List<Field> FIELDS = List.of(
            new Field("chainId", Type.TEXT), new Field("seq", Type.LONG), new Field("occurredAtMicros", Type.LONG),
            new Field("requestId", Type.TEXT), new Field("tenantId", Type.TEXT), new Field("principal", Type.TEXT),
            new Field("action", Type.TEXT), new Field("target", Type.TEXT), new Field("outcome", Type.TEXT),
            new Field("httpStatus", Type.INT), new Field("errorCode", Type.TEXT), new Field("latencyMs", Type.INT),
            new Field("tokensIn", Type.LONG), new Field("tokensOut", Type.LONG), new Field("upstreamAttempts", Type.INT),
            new Field("task", Type.TEXT), new Field("endpoint", Type.TEXT), new Field("region", Type.TEXT),
            new Field("fallbackUsed", Type.BOOL), new Field("breakerState", Type.TEXT), new Field("streamOutcome", Type.TEXT),
            new Field("ttfbMs", Type.TEXT), new Field("actorRole", Type.TEXT), new Field("statesInClear", Type.BOOL),
            new Field("occurrences", Type.INT), new Field("clientAddress", Type.TEXT), new Field("redactions", Type.TEXT),
            new Field("changeSealed", Type.BYTES), new Field("dataKeyVersion", Type.TEXT), new Field("costUsd", Type.TEXT),
            new Field("policyVerdict", Type.TEXT), new Field("quarantined", Type.BOOL), new Field("quarantineReason", Type.TEXT),
            new Field("phase", Type.TEXT), new Field("credentialId", Type.TEXT), new Field("dataClassification", Type.TEXT),
            new Field("reservedUsd", Type.TEXT), new Field("clientRequestId", Type.TEXT));

    public static final byte[] GENESIS = new byte[32];
    private static final byte[] VERSION = "novix-audit-chain-v1".getBytes(StandardCharsets.US_ASCII);

    private RowFormat() {
    }

    /** SHA-256 of the canonical encoding of {@code values}, given in {@link #FIELDS} order. */
    public static byte[] contentDigest(Object[] values) {
        if (values.length != FIELDS.size()) {
            throw new IllegalArgumentException("a row has " + FIELDS.size() + " values, not " + values.length);
        }
        ByteBuffer encoding = ByteBuffer.allocate(1024); // big-endian, as DataOutputStream wrote when the format was fixed
        for (int i = 0; i < values.length; i++) {
            encoding = write(encoding, FIELDS.get(i), values[i]);
        }
        MessageDigest sha = sha256();
        sha.update(encoding.array(), 0, encoding.position()); // one update: 76 small ones cost more than the hashing
        return sha.digest();
    }

    /** The entry hash from the previous entry's hash and this entry's content digest. */
    public static byte[] link(byte[] previous, byte[] contentDigest) {
        MessageDigest sha = sha256();
        sha.update(VERSION);
        sha.update(previous);
        sha.update(contentDigest);
        return sha.digest();
    }

    /** Appends one value's encoding; returns the buffer, grown when the value did not fit. */
    private static ByteBuffer write(ByteBuffer out, Field field, Object value) {
        switch (field.type()) {
            case LONG -> out = room(out, Long.BYTES).putLong(((Number) value).longValue());
            case INT -> out = room(out, Integer.BYTES).putInt(((Number) value).intValue());
            case BOOL -> out = room(out, 1).put((Boolean) value ? (byte) 1 : (byte) 0);
            case BYTES, TEXT -> {
                byte[] b = value == null ? null : field.type() == Type.BYTES ? (byte[]) value : value.toString().getBytes(StandardCharsets.UTF_8);
                out = room(out, Integer.BYTES + (b == null ? 0 : b.length)).putInt(b == null ? -1 : b.length);
                if (b != null) {
                    out.put(b);
                }
            }
        }
        return out;
    }

    private static ByteBuffer room(ByteBuffer out, int bytes) {
        if (out.remaining() >= bytes) {
            return out;
        }
        ByteBuffer larger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + bytes));
        return larger.put(out.array(), 0, out.position());
    }

    /** A fresh SHA-256, cloned from one looked up once rather than through the providers for every row. */
    static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            return lookUp();
        }
    }

    private static final MessageDigest SHA256 = lookUp();

    private static MessageDigest lookUp() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
