package io.novix.audit.proof;

import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An export verifies with only itself; each kind of change to it is named. */
class OfflineVerifierTest {

    private static final String CHAIN = "7d2b1c3e-0000-4000-8000-000000000001";
    private static final HexFormat HEX = HexFormat.of();

    private static Object[] values(long seq, String tenant, String model) {
        return new Object[]{CHAIN, seq, 1_700_000_000_000_000L + seq, "req-" + seq, tenant, "token:nvx_a", "inference.chat", model,
                "SUCCESS", 200L, null, 12L, 30L, 7L, 1L, "chat-completion", "http://up", "eu-west-1", false, "CLOSED", null, "5", null,
                false, 1L, "10.0.0.1", null, new byte[]{1, 2}, "1", "0.00001", "rpm=10", false, null,
                "OUTCOME", null, "confidential", "0.0002", null};
    }

    private static String row(Object[] v, byte[] hash) {
        StringBuilder json = new StringBuilder("{\"type\":\"row\"");
        for (int i = 0; i < v.length; i++) {
            json.append(",\"").append(RowFormat.FIELDS.get(i).name()).append("\":");
            Object x = v[i];
            json.append(x == null ? "null" : x instanceof byte[] b ? "\"" + Base64.getEncoder().encodeToString(b) + "\""
                    : x instanceof String s ? "\"" + s + "\"" : x.toString());
        }
        return json.append(",\"entryHash\":\"").append(HEX.formatHex(hash)).append("\"}").toString();
    }

    /** An export of 6 entries: the tenant's rows 1, 3, 4, 6 in full, 2 and 5 by digest, a checkpoint at 6. */
    private static List<String> export(KeyPair key) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("{\"type\":\"export\",\"format\":\"novix-audit-export-v1\"}");
        lines.add("{\"type\":\"key\",\"keyId\":\"k1\",\"publicKey\":\"" + Base64.getEncoder().encodeToString(key.getPublic().getEncoded()) + "\"}");
        lines.add("{\"type\":\"anchor\",\"chainId\":\"" + CHAIN + "\",\"seq\":0,\"entryHash\":\"" + HEX.formatHex(RowFormat.GENESIS) + "\"}");
        byte[] previous = RowFormat.GENESIS;
        for (long seq = 1; seq <= 6; seq++) {
            boolean mine = seq != 2 && seq != 5;
            Object[] v = values(seq, mine ? "tenant-a" : "tenant-b", "acme/m" + seq);
            byte[] digest = RowFormat.contentDigest(v);
            previous = RowFormat.link(previous, digest);
            lines.add(mine ? row(v, previous) : "{\"type\":\"proof\",\"chainId\":\"" + CHAIN + "\",\"seq\":" + seq + ",\"contentDigest\":\""
                    + HEX.formatHex(digest) + "\",\"entryHash\":\"" + HEX.formatHex(previous) + "\"}");
        }
        long at = 1_700_000_100_000_000L;
        Signature ed = Signature.getInstance("Ed25519");
        ed.initSign(key.getPrivate());
        ed.update(CheckpointFormat.signedBytes(CHAIN, 6, previous, at, null, "k1"));
        lines.add("{\"type\":\"checkpoint\",\"chainId\":\"" + CHAIN + "\",\"seq\":6,\"headHash\":\"" + HEX.formatHex(previous)
                + "\",\"signedAtMicros\":" + at + ",\"keyId\":\"k1\",\"signature\":\"" + HEX.formatHex(ed.sign()) + "\"}");
        lines.add("{\"type\":\"end\"}");
        return lines;
    }

    private static OfflineVerifier.Outcome verify(List<String> lines) throws Exception {
        return OfflineVerifier.verify(String.join("\n", lines));
    }

    @Test
    void anUntouchedExportVerifiesWithTheKeysItCarries() throws Exception {
        OfflineVerifier.Outcome o = verify(export(KeyPairGenerator.getInstance("Ed25519").generateKeyPair()));
        assertTrue(o.verified(), o.toString());
        assertEquals(4, o.rows());
        assertEquals(2, o.proofs());
        assertEquals(1, o.checkpoints());
    }

    @Test
    void eachChangeIsNamed() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        List<String> changed = export(key);
        changed.set(5, changed.get(5).replace("\"acme/m3\"", "\"acme/forged\""));
        assertTrue(verify(changed).failure().contains("entry 3") && verify(changed).failure().contains("CHANGED"), verify(changed).failure());

        List<String> deleted = export(key);
        deleted.remove(6);
        assertTrue(verify(deleted).failure().contains("DELETED"), verify(deleted).failure());

        List<String> moved = export(key);
        String third = moved.remove(5);
        moved.add(6, third);
        assertTrue(verify(moved).failure().contains("INSERTED or REORDERED") || verify(moved).failure().contains("DELETED"),
                verify(moved).failure());

        List<String> forged = export(key);
        String signature = forged.get(9).replaceAll(".*\"signature\":\"([0-9a-f]+)\".*", "$1");
        String flipped = (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);
        forged.set(9, forged.get(9).replace(signature, flipped));
        assertTrue(verify(forged).failure().contains("CHAIN_REPLACED"), verify(forged).failure());

        List<String> otherKey = export(key);
        otherKey.set(1, otherKey.get(1).replaceAll("\"publicKey\":\"[^\"]+\"", "\"publicKey\":\"" + Base64.getEncoder()
                .encodeToString(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded()) + "\""));
        assertFalse(verify(otherKey).verified(), "signed by another key");
    }
}
