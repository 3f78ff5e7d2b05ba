package io.novix.core.jwt.entity;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Seals private keys for storage: AES-256-GCM under a key derived from the key-encryption key
 * ({@code NOVIX_JWT_KEK}), a fresh 96-bit nonce per seal, and the key id as associated data so a
 * sealed key cannot be moved to another row. Layout: nonce (12 bytes) followed by ciphertext and tag.
 */
public final class KeySeal {

    private static final SecureRandom RANDOM = new SecureRandom();
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
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            c.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            byte[] body = c.doFinal(plain);
            byte[] out = Arrays.copyOf(nonce, 12 + body.length);
            System.arraycopy(body, 0, out, 12, body.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is mandatory in every JRE", e);
        }
    }

    /** Fails (GeneralSecurityException) for a wrong key-encryption key or a tampered row. */
    public byte[] open(byte[] sealed, String kid) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, 12));
        c.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
        return c.doFinal(sealed, 12, sealed.length - 12);
    }
}
