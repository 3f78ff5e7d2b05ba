package io.novix.core.cache.entity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Where an answer is cached: its tenant, and SHA-256 over the tenant, the action, the model and the
 * normalised request — so the same request from two tenants never meets the same entry, even by the
 * hash alone.
 */
public record CacheKey(UUID tenant, String hash) {

    public static CacheKey of(UUID tenant, String action, String model, byte[] normalisedRequest) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[]{tenant.toString(), action, model}) {
                byte[] b = part.getBytes(StandardCharsets.UTF_8);
                sha.update((byte) (b.length >>> 8));
                sha.update((byte) b.length);
                sha.update(b);
            }
            sha.update(normalisedRequest);
            return new CacheKey(tenant, HexFormat.of().formatHex(sha.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
