package io.novix.audit.proof;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Verifies an audit export (NDJSON, {@code GET /admin/tenants/{t}/audit/export}) with nothing but
 * the export and the published keys in it: every disclosed row is hashed from its fields, every
 * other row of the chain from its content digest, each linked to the one before from the anchor;
 * every checkpoint's Ed25519 signature and signature chain is checked, and each head it signed
 * must be the entry the export arrives at. Reads line by line: memory does not grow with the export.
 * <pre>java -jar novix-audit-verify.jar export.ndjson [keys.json]</pre>
 * Exit status 0 when it verifies, 1 when it does not (the first failure and its kind are printed).
 */
public final class OfflineVerifier {

    public record Outcome(boolean verified, long rows, long proofs, long checkpoints, String failure) {
        @Override
        public String toString() {
            return verified ? "verified: " + rows + " rows disclosed, " + proofs + " rows by digest, " + checkpoints + " checkpoints"
                    : "NOT verified: " + failure;
        }
    }

    private static final class ChainState {
        long seq;
        byte[] hash;
        byte[] lastSignature;
        final Map<Long, byte[]> signedHeads = new HashMap<>();
        final Map<Long, byte[]> seen = new HashMap<>();
    }

    private OfflineVerifier() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java -jar novix-audit-verify.jar export.ndjson [keys.json]");
            System.exit(2);
        }
        Map<String, PublicKey> keys = new HashMap<>();
        if (args.length > 1) {
            keys.putAll(keys(Json.createReader(new StringReader(Files.readString(Path.of(args[1])))).readObject()));
        }
        try (Reader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            Outcome outcome = verify(in, keys);
            System.out.println(outcome);
            System.exit(outcome.verified() ? 0 : 1);
        }
    }

    /** Verifies an export read from {@code in}; {@code keys} adds to the keys the export carries. */
    public static Outcome verify(Reader in, Map<String, PublicKey> keys) throws IOException {
        Map<String, PublicKey> known = new HashMap<>(keys);
        Map<String, ChainState> chains = new HashMap<>();
        long rows = 0;
        long proofs = 0;
        long checkpoints = 0;
        BufferedReader lines = new BufferedReader(in);
        String line;
        long n = 0;
        while ((line = lines.readLine()) != null) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            JsonObject o = Json.createReader(new StringReader(line)).readObject();
            String type = o.getString("type", "");
            switch (type) {
                case "key" -> {
                    try {
                        known.putIfAbsent(o.getString("keyId"), CheckpointFormat.publicKey(Base64.getDecoder().decode(o.getString("publicKey"))));
                    } catch (GeneralSecurityException | IllegalArgumentException e) {
                        return new Outcome(false, rows, proofs, checkpoints, "line " + n + ": key " + o.getString("keyId") + " is not an Ed25519 key");
                    }
                }
                case "anchor" -> {
                    ChainState c = new ChainState();
                    c.seq = o.getJsonNumber("seq").longValue();
                    c.hash = hex(o.getString("entryHash"));
                    chains.put(o.getString("chainId"), c);
                }
                case "row", "proof" -> {
                    String chain = o.getString("chainId");
                    ChainState c = chains.get(chain);
                    if (c == null) {
                        return new Outcome(false, rows, proofs, checkpoints, "line " + n + ": chain " + chain + " has no anchor");
                    }
                    long seq = o.getJsonNumber("seq").longValue();
                    String at = "chain " + chain + " entry " + seq + " (line " + n + ")";
                    if (seq <= c.seq) {
                        return new Outcome(false, rows, proofs, checkpoints, at + ": INSERTED or REORDERED — expected entry " + (c.seq + 1));
                    }
                    if (seq > c.seq + 1) {
                        return new Outcome(false, rows, proofs, checkpoints, at + ": DELETED — entries " + (c.seq + 1) + " to " + (seq - 1) + " are missing");
                    }
                    byte[] digest = type.equals("row") ? RowFormat.contentDigest(values(o)) : hex(o.getString("contentDigest"));
                    byte[] hash = RowFormat.link(c.hash, digest);
                    if (!Arrays.equals(hash, hex(o.getString("entryHash")))) {
                        return new Outcome(false, rows, proofs, checkpoints, at + ": CHANGED — it does not match its hash and its predecessor's");
                    }
                    c.seq = seq;
                    c.hash = hash;
                    c.seen.put(seq, hash);
                    if (type.equals("row")) {
                        rows++;
                    } else {
                        proofs++;
                    }
                }
                case "checkpoint" -> {
                    String chain = o.getString("chainId");
                    ChainState c = chains.computeIfAbsent(chain, k -> new ChainState());
                    long seq = o.getJsonNumber("seq").longValue();
                    byte[] head = hex(o.getString("headHash"));
                    byte[] signature = hex(o.getString("signature"));
                    byte[] signed = CheckpointFormat.signedBytes(chain, seq, head, o.getJsonNumber("signedAtMicros").longValue(),
                            c.lastSignature, o.getString("keyId"));
                    if (!CheckpointFormat.verify(signed, signature, known.get(o.getString("keyId")))) {
                        return new Outcome(false, rows, proofs, checkpoints, "chain " + chain + " checkpoint at " + seq + " (line " + n
                                + "): CHAIN_REPLACED — not signed by a published key, or not following the checkpoint before it");
                    }
                    c.lastSignature = signature;
                    c.signedHeads.put(seq, head);
                    byte[] arrived = c.seen.get(seq);
                    if (arrived != null && !Arrays.equals(arrived, head)) {
                        return new Outcome(false, rows, proofs, checkpoints, "chain " + chain + " entry " + seq
                                + ": CHAIN_REPLACED — not the entry the checkpoint signed");
                    }
                    checkpoints++;
                }
                default -> {
                    // the export header and trailer carry no proof
                }
            }
        }
        return new Outcome(true, rows, proofs, checkpoints, null);
    }

    /** A disclosed row's values, by RowFormat's field names and types. */
    static Object[] values(JsonObject row) {
        Object[] values = new Object[RowFormat.FIELDS.size()];
        for (int i = 0; i < values.length; i++) {
            RowFormat.Field f = RowFormat.FIELDS.get(i);
            JsonValue v = row.get(f.name());
            values[i] = switch (f.type()) {
                case LONG, INT -> ((JsonNumber) v).longValue();
                case BOOL -> v == JsonValue.TRUE;
                case BYTES -> v == null || v == JsonValue.NULL ? null : Base64.getDecoder().decode(((JsonString) v).getString());
                case TEXT -> v == null || v == JsonValue.NULL ? null : ((JsonString) v).getString();
            };
        }
        return values;
    }

    static Map<String, PublicKey> keys(JsonObject published) {
        Map<String, PublicKey> keys = new HashMap<>();
        for (String id : published.keySet()) {
            try {
                keys.put(id, CheckpointFormat.publicKey(Base64.getDecoder().decode(published.getString(id))));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("key " + id + " is not an Ed25519 public key");
            }
        }
        return keys;
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    /** For tests: the outcome of verifying text. */
    static Outcome verify(String export) throws IOException {
        return verify(new StringReader(export), Map.of());
    }

}
