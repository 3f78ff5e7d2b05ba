package io.novix.core.jwt.entity;

import io.novix.core.kernel.AesGcm;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * Seals private keys for storage: AES-256-GCM under a key derived from the key-encryption key
 * ({@code NOVIX_JWT_KEK}), a fresh 96-bit nonce per seal, and the key id as associated data so a
 * sealed key cannot be moved to another row. Layout: nonce (12 bytes) followed by ciphertext and tag.
 */
public final class KeySeal {

    private final SecretKeySpec key;

    public KeySeal(String kek) {
        if (kek == null || kek.strip().length() < 32) {
            throw new IllegalArgumentException("NOVIX_JWT_KEK must be at least 32 characters");
        }
        try {
            key = new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(kek.strip().getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] seal(byte[] plain, String kid) {
        return AesGcm.seal(key, plain, kid.getBytes(StandardCharsets.UTF_8));
    }

    /** Fails (GeneralSecurityException) for a wrong key-encryption key or a tampered row. */
    public byte[] open(byte[] sealed, String kid) throws GeneralSecurityException {
        return AesGcm.open(key, sealed, kid.getBytes(StandardCharsets.UTF_8));
    }
}
