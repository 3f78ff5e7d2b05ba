package io.novix.audit.proof;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The canonical encoding is a published format: chains already in PostgreSQL and in exports were hashed with it, so
 * these digests were computed once (and checked against an independent encoder) and stay fixed. A change to the encoding fails here, not in an auditor's verifier.
 */
class RowFormatTest {

    private static final HexFormat HEX = HexFormat.of();

    private static Object[] row() {
        return new Object[]{"7d2b1c3e-0000-4000-8000-000000000001", 42L, 1_700_000_000_000_042L, "req-42", "tenant-ä", "token:nvx_a",
                "inference.chat", "model/𝄞", "SUCCESS", 200L, null, 12L, 30L, 7L, 1L, "chat-completion", "http://up", "eu-west-1",
                true, "CLOSED", null, "5", null, false, 1L, "10.0.0.1", "email:2", new byte[]{1, 2, (byte) 0xff}, "1", "0.00001",
                "rpm=10", false, null, "OUTCOME", null, "confidential", "0.0002", null};
    }

    @Test
    void theContentDigestOfAKnownRowIsFixed() {
        assertEquals("faf909a615598773f8ededeee4228405ef3f83ffd55022760557400853c777c7", HEX.formatHex(RowFormat.contentDigest(row())));
    }

    @Test
    void theLinkOfAKnownDigestIsFixed() {
        byte[] previous = new byte[32];
        previous[0] = 7;
        assertEquals("8d7cfbf0a257925ef9a22bcb556d86ab56ac820b899e853adf696981c5f6802f", HEX.formatHex(RowFormat.link(previous, RowFormat.contentDigest(row()))));
    }

    @Test
    void nullAndEmptyTextEncodeApart() {
        Object[] empty = row();
        empty[10] = "";
        assertEquals(false, java.util.Arrays.equals(RowFormat.contentDigest(row()), RowFormat.contentDigest(empty)));
    }

    @Test
    void digestsDoNotDependOnTheThreadOrEarlierCalls() throws Exception {
        byte[] first = RowFormat.contentDigest(row());
        byte[][] other = new byte[1][];
        Thread t = new Thread(() -> other[0] = RowFormat.contentDigest(row()));
        t.start();
        t.join();
        assertArrayEquals(first, other[0]);
        assertArrayEquals(first, RowFormat.contentDigest(row()));
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RowFormat.contentDigest(new Object[3]));
    }

    /** The row is encoded into one buffer that grows: a row past its first size digests as the format says. */
    @Test
    void aRowLongerThanTheFirstBufferDigestsAsTheFormatSays() throws Exception {
        Object[] row = row();
        row[26] = "x".repeat(700) + "é".repeat(400); // redactions: 1,500 bytes of UTF-8
        row[27] = new byte[3000];
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes); // the independent encoder the format was fixed with
        for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            switch (RowFormat.FIELDS.get(i).type()) {
                case LONG -> out.writeLong(((Number) v).longValue());
                case INT -> out.writeInt(((Number) v).intValue());
                case BOOL -> out.writeByte((Boolean) v ? 1 : 0);
                case BYTES, TEXT -> {
                    byte[] b = v == null ? null : v instanceof byte[] raw ? raw : v.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    out.writeInt(b == null ? -1 : b.length);
                    if (b != null) {
                        out.write(b);
                    }
                }
            }
        }
        byte[] expected = java.security.MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
        assertArrayEquals(expected, RowFormat.contentDigest(row));
    }
}
