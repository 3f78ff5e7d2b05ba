package io.novix.core.alerts.entity;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * A webhook delivery's signature header, {@code Novix-Signature: t=<unix seconds>,v1=<hex>}, where
 * v1 is HMAC-SHA256 under the tenant's webhook secret of {@code "<t>." + body}: the receiver checks
 * it (constant-time) and refuses a stale {@code t}, so a captured delivery cannot be replayed later.
 */
public final class Signature {

    public static final String HEADER = "Novix-Signature";

    private Signature() {
    }

    public static String header(byte[] secret, long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
