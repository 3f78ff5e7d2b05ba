package io.novix.core.keys.entity;

import io.novix.core.kernel.AesGcm;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A key-encryption key: wraps tenants' data keys, never touches data itself. Derived from a secret
 * in the environment (at least 32 characters) with its own domain, so the same secret used for the
 * JWT keys yields another key. Its id is a fingerprint that names the KEK a data key was wrapped
 * under (so rotation knows which rows to re-wrap) and reveals nothing usable about it.
 */
public final class Kek {

    private final SecretKey key;
    private final String id;

    private Kek(SecretKey key, String id) {
        this.key = key;
        this.id = id;
    }

    public static Kek fromSecret(String secret) {
        if (secret == null || secret.strip().length() < 32) {
            throw new IllegalArgumentException("a key-encryption key must be at least 32 characters");
        }
        byte[] material = sha256(("novix-data-kek:" + secret.strip()).getBytes(StandardCharsets.UTF_8));
        byte[] fingerprint = sha256(("novix-kek-id:" + HexFormat.of().formatHex(material)).getBytes(StandardCharsets.UTF_8));
        return new Kek(new SecretKeySpec(material, "AES"), HexFormat.of().formatHex(fingerprint, 0, 8));
    }

    public String id() {
        return id;
    }

    /** The data key sealed under this KEK, bound to its tenant and version. */
    public byte[] wrap(SecretKey dataKey, String binding) {
        return AesGcm.seal(key, dataKey.getEncoded(), binding.getBytes(StandardCharsets.UTF_8));
    }

    public SecretKey unwrap(byte[] wrapped, String binding) throws GeneralSecurityException {
        return new SecretKeySpec(AesGcm.open(key, wrapped, binding.getBytes(StandardCharsets.UTF_8)), "AES");
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
