package io.novix.audit.proof;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/**
 * What an audit checkpoint's Ed25519 signature covers: chain, sequence number and hash of the
 * head, time (epoch microseconds), the previous checkpoint's signature (so checkpoints chain) and
 * the key id.
 */
public final class CheckpointFormat {

    private static final byte[] VERSION = "novix-audit-checkpoint-v1".getBytes(StandardCharsets.US_ASCII);

    private CheckpointFormat() {
    }

    public static byte[] signedBytes(String chain, long seq, byte[] headHash, long signedAtMicros, byte[] previousSignature,
                                     String keyId) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(160);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(VERSION);
            out.writeUTF(chain);
            out.writeLong(seq);
            out.write(headHash);
            out.writeLong(signedAtMicros);
            out.writeInt(previousSignature == null ? -1 : previousSignature.length);
            if (previousSignature != null) {
                out.write(previousSignature);
            }
            out.writeUTF(keyId);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    public static boolean verify(byte[] signedBytes, byte[] signature, PublicKey key) {
        if (key == null || signature == null) {
            return false;
        }
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initVerify(key);
            ed.update(signedBytes);
            return ed.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** A published key (X.509 SubjectPublicKeyInfo, as GET /admin/audit/keys gives it). */
    public static PublicKey publicKey(byte[] x509) throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
    }
}
