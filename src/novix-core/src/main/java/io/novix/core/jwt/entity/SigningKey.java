package io.novix.core.jwt.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * An ES256 (P-256) key that signs Novix's JWTs. The public half is published in the JWKS; the
 * private half is stored sealed with the key-encryption key from the environment. A retired key
 * no longer signs but is still published and accepted until the tokens it signed have expired.
 */
@Entity
@Table(name = "signing_key")
@NamedQuery(name = SigningKey.LIVE, query = "SELECT k FROM SigningKey k WHERE k.retiredAt IS NULL OR k.retiredAt > :horizon ORDER BY k.createdAt DESC")
public class SigningKey {

    public static final String LIVE = "SigningKey.live";
    public static final String ALGORITHM = "ES256";

    @Id
    @Column(length = 64)
    private String kid;
    @Column(nullable = false, length = 16)
    private String algorithm;
    @Column(name = "public_x", nullable = false, length = 64)
    private String publicX;
    @Column(name = "public_y", nullable = false, length = 64)
    private String publicY;
    @Column(name = "private_sealed", nullable = false)
    private byte[] privateSealed;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "retired_at")
    private Instant retiredAt;

    protected SigningKey() {
    }

    public SigningKey(String kid, ECPublicKey publicKey, byte[] privateSealed, Instant now) {
        this.kid = kid;
        this.algorithm = ALGORITHM;
        this.publicX = coordinate(publicKey.getW().getAffineX());
        this.publicY = coordinate(publicKey.getW().getAffineY());
        this.privateSealed = privateSealed.clone();
        this.createdAt = now;
    }

    public static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is mandatory in every JRE", e);
        }
    }

    /** Stops signing now; still verifies until {@code now + maxTokenLifetime}. */
    public void retire(Instant now) {
        if (retiredAt == null) {
            retiredAt = now;
        }
    }

    /** True while tokens signed with this key can still be valid. */
    public boolean verifies(Instant now, Duration maxTokenLifetime) {
        return retiredAt == null || now.isBefore(retiredAt.plus(maxTokenLifetime));
    }

    public ECPublicKey publicKey() {
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec spec = p.getParameterSpec(ECParameterSpec.class);
            ECPoint w = new ECPoint(new BigInteger(1, decode(publicX)), new BigInteger(1, decode(publicY)));
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, spec));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored public key is not a P-256 point: " + kid, e);
        }
    }

    /** 32 bytes, big-endian, base64url: the JWK form of a P-256 coordinate. */
    static String coordinate(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, fixed, 32 - copy, copy);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }

    private static byte[] decode(String b64) {
        return Base64.getUrlDecoder().decode(b64);
    }

    public String kid() { return kid; }
    public String algorithm() { return algorithm; }
    public String publicX() { return publicX; }
    public String publicY() { return publicY; }
    public byte[] privateSealed() { return Arrays.copyOf(privateSealed, privateSealed.length); }
    public Instant createdAt() { return createdAt; }
    public Instant retiredAt() { return retiredAt; }
    public boolean active() { return retiredAt == null; }
}
