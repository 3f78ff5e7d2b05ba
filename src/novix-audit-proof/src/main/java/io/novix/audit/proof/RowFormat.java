package io.novix.audit.proof;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
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
        Encoding out = new Encoding();
        for (int i = 0; i < values.length; i++) {
            write(out, FIELDS.get(i), values[i]);
        }
        MessageDigest sha = sha256();
        sha.update(out.bytes, 0, out.size);
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

    private static void write(Encoding out, Field field, Object value) {
        switch (field.type()) {
            case LONG -> out.putLong(((Number) value).longValue());
            case INT -> out.putInt(((Number) value).intValue());
            case BOOL -> out.put((Boolean) value ? (byte) 1 : (byte) 0);
            case BYTES -> out.putSized(value == null ? null : (byte[]) value);
            case TEXT -> out.putSized(value == null ? null : value.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Big-endian integers, one byte per boolean, a length (-1 for null) before each byte string: what
     * DataOutputStream wrote when the format was fixed, without its synchronized write per byte (the writer
     * hashes two rows per call).
     */
    private static final class Encoding {
        private byte[] bytes = new byte[512];
        private int size;

        void put(byte b) {
            room(1);
            bytes[size++] = b;
        }

        void putInt(int v) {
            room(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (v >>> shift);
            }
        }

        void putLong(long v) {
            room(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (v >>> shift);
            }
        }

        void putSized(byte[] b) {
            if (b == null) {
                putInt(-1);
                return;
            }
            putInt(b.length);
            room(b.length);
            System.arraycopy(b, 0, bytes, size, b.length);
            size += b.length;
        }

        private void room(int n) {
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
            }
        }
    }

    /** A fresh SHA-256, cloned from one looked up once (a provider lookup per digest showed in the writer's profile). */
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
