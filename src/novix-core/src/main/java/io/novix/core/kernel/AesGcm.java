package io.novix.core.kernel;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * AES-GCM with a fresh 96-bit nonce per seal and associated data that binds the ciphertext to its
 * place (a key id, a row), so a sealed value cannot be moved elsewhere. Layout: nonce (12 bytes),
 * then ciphertext and 128-bit tag.
 */
public final class AesGcm {

    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcm() {
    }

    public static byte[] seal(SecretKey key, byte[] plain, byte[] aad) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            c.updateAAD(aad);
            byte[] body = c.doFinal(plain);
            byte[] out = Arrays.copyOf(nonce, 12 + body.length);
            System.arraycopy(body, 0, out, 12, body.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is mandatory in every JRE", e);
        }
    }

    /** Fails (GeneralSecurityException) for a wrong key, other associated data or a tampered value. */
    public static byte[] open(SecretKey key, byte[] sealed, byte[] aad) throws GeneralSecurityException {
        if (sealed == null || sealed.length < 12 + 16) {
            throw new GeneralSecurityException("not a sealed value");
        }
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, 12));
        c.updateAAD(aad);
        return c.doFinal(sealed, 12, sealed.length - 12);
    }
}
