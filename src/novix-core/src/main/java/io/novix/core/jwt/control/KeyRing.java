package io.novix.core.jwt.control;

import io.novix.core.jwt.entity.KeySeal;
import io.novix.core.jwt.entity.SigningKey;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys every instance shares through PostgreSQL, cached for a short time. A rotation on one
 * instance is seen by the others within the cache TTL; a token with a kid this instance has not
 * seen yet triggers one early reload, so rotation never refuses a valid token.
 */
@OneInstance
public class KeyRing {

    /** The live keys, with their public halves decoded once per load rather than once per token. */
    private record Loaded(List<SigningKey> keys, Map<String, ECPublicKey> publicKeys, long atNanos) {
        static Loaded of(List<SigningKey> keys) {
            Map<String, ECPublicKey> decoded = new java.util.HashMap<>();
            keys.forEach(k -> decoded.put(k.kid(), k.publicKey()));
            return new Loaded(keys, Map.copyOf(decoded), System.nanoTime());
        }
    }

    @Inject
    SigningKeys store;

    @Inject
    JwtSettings settings;

    private volatile Loaded loaded = new Loaded(List.of(), Map.of(), Long.MIN_VALUE / 2);
    private final Map<String, PrivateKey> opened = new ConcurrentHashMap<>();

    /** The public key for {@code kid}, if it still verifies. */
    public Optional<ECPublicKey> verificationKey(String kid, Instant now) {
        keys(false);
        Optional<ECPublicKey> key = find(loaded, kid, now);
        if (key.isEmpty() && System.nanoTime() - loaded.atNanos() > 1_000_000_000L) {
            keys(true); // at most one early reload a second, whatever random kids arrive
            key = find(loaded, kid, now);
        }
        return key;
    }

    /** Keys to publish in the JWKS. */
    public List<SigningKey> published() {
        Instant now = Instant.now();
        return keys(false).stream().filter(k -> k.verifies(now, JwtSettings.MAX_LIFETIME)).toList();
    }

    /** The newest active key and its private half; creates the first key on first use. */
    public Signer signer() {
        KeySeal seal = settings.seal().orElseThrow(() -> new IllegalStateException("NOVIX_JWT_KEK is not set"));
        Optional<SigningKey> active = keys(false).stream().filter(SigningKey::active).findFirst();
        if (active.isEmpty()) {
            active = keys(true).stream().filter(SigningKey::active).findFirst();
        }
        SigningKey key = active.orElseGet(() -> {
            SigningKey created = store.create(seal, false);
            keys(true);
            return created;
        });
        PrivateKey priv = opened.computeIfAbsent(key.kid(), kid -> open(seal, key));
        return new Signer(key.kid(), priv);
    }

    /** Rotation: a new signing key at once; the old one keeps verifying until its tokens expire. */
    public SigningKey rotate() {
        KeySeal seal = settings.seal().orElseThrow(() -> new IllegalStateException("NOVIX_JWT_KEK is not set"));
        SigningKey created = store.create(seal, true);
        keys(true);
        return created;
    }

    public record Signer(String kid, PrivateKey key) {
        @Override
        public String toString() {
            return "Signer[" + kid + "]";
        }
    }

    private List<SigningKey> keys(boolean reload) {
        Loaded current = loaded;
        if (reload || System.nanoTime() - current.atNanos() > settings.keyCacheTtl().toNanos()) {
            current = Loaded.of(store.live(Instant.now(), JwtSettings.MAX_LIFETIME));
            loaded = current;
        }
        return current.keys();
    }

    private static Optional<ECPublicKey> find(Loaded loaded, String kid, Instant now) {
        return loaded.keys().stream().filter(k -> k.kid().equals(kid) && k.verifies(now, JwtSettings.MAX_LIFETIME)).findFirst()
                .map(k -> loaded.publicKeys().get(k.kid()));
    }

    private static PrivateKey open(KeySeal seal, SigningKey key) {
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(seal.open(key.privateSealed(), key.kid())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + key.kid() + " cannot be opened: wrong NOVIX_JWT_KEK?", e);
        }
    }
}
