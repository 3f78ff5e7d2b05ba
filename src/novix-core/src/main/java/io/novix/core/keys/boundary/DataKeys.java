package io.novix.core.keys.boundary;

import io.novix.core.kernel.AesGcm;
import io.novix.core.kernel.CacheGauges;
import io.novix.core.kernel.TtlCache;
import io.novix.core.keys.control.DataKeyStore;
import io.novix.core.keys.entity.DataKey;
import io.novix.core.keys.entity.Kek;
import io.novix.core.keys.entity.Sealed;
import io.novix.core.tenant.entity.TenantId;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Envelope encryption of sensitive stored fields: each tenant has data keys (AES-256-GCM), stored
 * wrapped under the KEK ({@code NOVIX_DATA_KEK}, or {@code NOVIX_JWT_KEK} when unset). Rotating a
 * tenant's data key starts a new version (old rows keep opening); rotating the KEK is configuring
 * the new one with the old in {@code NOVIX_DATA_KEK_PREVIOUS} and calling {@link #rewrap()}, which
 * re-wraps row by row while every instance keeps opening keys under either. Novix does not start
 * without a KEK: it would have to store those fields in the clear.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DataKeys {

    /** Reloads cached rows in use before they expire, off the callers' path (see {@link TtlCache}). */
    @Resource
    ManagedExecutorService refresher;

    private static final Logger LOG = Logger.getLogger(DataKeys.class.getName());

    /** Loads and refreshes of the caches below, at /metrics. */
    @Inject
    CacheGauges gauges;

    @Inject
    Config config;

    @Inject
    DataKeyStore store;

    private Kek current;
    private final Map<String, Kek> keks = new LinkedHashMap<>();
    /** The version new seals use: short-lived, so another instance's rotation is followed within seconds. */
    private TtlCache<UUID, Versioned> newest;
    /** Unwrapped keys by tenant/version: immutable, so kept longer. */
    private TtlCache<String, SecretKey> byVersion;

    private record Versioned(int version, SecretKey key) {
    }

    public record KeyStatus(String currentKekId, Map<String, Long> keysByKek) {
    }

    public record RewrapReport(String currentKekId, int rewrapped, int failed) {
    }

    @PostConstruct
    void start() {
        Optional<String> secret = config.getOptionalValue("novix.data.kek", String.class).filter(s -> !s.isBlank())
                .or(() -> config.getOptionalValue("NOVIX_JWT_KEK", String.class).filter(s -> !s.isBlank()));
        if (secret.isEmpty()) {
            throw new IllegalStateException("Invalid configuration: NOVIX_DATA_KEK (or NOVIX_JWT_KEK) is not set; Novix seals "
                    + "sensitive stored fields under per-tenant data keys wrapped by it");
        }
        current = Kek.fromSecret(secret.get());
        keks.put(current.id(), current);
        config.getOptionalValue("novix.data.kek.previous", String.class).ifPresent(list -> Arrays.stream(list.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).map(Kek::fromSecret).forEach(k -> keks.putIfAbsent(k.id(), k)));
        Duration follow = config.getOptionalValue("novix.data-key.cache-ttl", Duration.class).orElse(Duration.ofSeconds(5));
        newest = new TtlCache<>(follow, 10_000, this::loadNewest, refresher);
        byVersion = new TtlCache<>(Duration.ofMinutes(30), 10_000, this::loadVersion);
        gauges.watch("data-key-newest", newest);
        gauges.watch("data-key-version", byVersion);
        LOG.info(() -> "data keys: KEK " + current.id() + (keks.size() > 1 ? ", " + (keks.size() - 1) + " previous" : ""));
    }

    /** {@code plain} sealed under the owner's newest data key; {@code binding} names the place it is stored. */
    public Sealed seal(TenantId owner, byte[] plain, String binding) {
        UUID tenant = owner(owner);
        Versioned key = newest.find(tenant).orElseThrow(() -> new IllegalStateException("no data key for " + tenant));
        return new Sealed(key.version(), AesGcm.seal(key.key(), plain, aad(tenant, binding)));
    }

    /** A platform secret (not a tenant's) sealed directly under the current KEK: the KEK's id and the sealed bytes. */
    public Map.Entry<String, byte[]> sealUnderKek(byte[] plain, String binding) {
        return Map.entry(current.id(), current.wrap(new javax.crypto.spec.SecretKeySpec(plain, "RAW"), binding));
    }

    /** What {@link #sealUnderKek} sealed, while its KEK is configured (current or previous). */
    public byte[] openUnderKek(String kekId, byte[] sealed, String binding) throws GeneralSecurityException {
        Kek kek = keks.get(kekId);
        if (kek == null) {
            throw new GeneralSecurityException("KEK " + kekId + " is not configured");
        }
        return kek.unwrap(sealed, binding).getEncoded();
    }

    /** The plain value; fails for another binding, another tenant, a tampered value or an unknown key. */
    public byte[] open(TenantId owner, Sealed sealed, String binding) throws GeneralSecurityException {
        UUID tenant = owner(owner);
        SecretKey key = byVersion.find(tenant + "/" + sealed.keyVersion())
                .orElseThrow(() -> new GeneralSecurityException("no data key " + sealed.keyVersion() + " for this tenant"));
        return AesGcm.open(key, sealed.bytes(), aad(tenant, binding));
    }

    /** A new data-key version for the tenant; what older versions sealed still opens. */
    public int rotate(TenantId owner) {
        UUID tenant = owner(owner);
        int next = store.newest(tenant).map(DataKey::version).orElse(0) + 1;
        store.create(tenant, next, DataKey.newKey(), current);
        newest.invalidate(tenant);
        return next;
    }

    /** Re-wraps every data key wrapped under a previous KEK under the current one. */
    public RewrapReport rewrap() {
        int done = 0;
        int failed = 0;
        for (String id : store.wrappedUnderOtherThan(current.id())) {
            Kek from = store.kekOf(id).map(keks::get).orElse(null);
            try {
                if (from != null && store.rewrap(id, from, current)) {
                    done++;
                } else if (from == null) {
                    failed++; // wrapped under a KEK this instance was not given
                }
            } catch (GeneralSecurityException | EJBException e) {
                failed++;
            }
        }
        return new RewrapReport(current.id(), done, failed);
    }

    public KeyStatus status() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Object[] row : store.countByKek()) {
            counts.put((String) row[0], ((Number) row[1]).longValue());
        }
        return new KeyStatus(current.id(), counts);
    }

    private Optional<Versioned> loadNewest(UUID tenant) {
        Optional<DataKey> found = store.newest(tenant);
        if (found.isEmpty()) {
            try {
                SecretKey key = DataKey.newKey();
                store.create(tenant, 1, key, current);
                return Optional.of(new Versioned(1, key));
            } catch (EJBException | jakarta.persistence.PersistenceException e) {
                found = store.newest(tenant); // another instance created version 1 first
            }
        }
        if (found.isPresent() && !keks.containsKey(found.get().kekId())) {
            // the newest key is wrapped under a KEK this instance was not given: seal new values under
            // a new version (what the old one sealed opens again once its KEK is configured)
            DataKey stale = found.get();
            LOG.warning(() -> "data key " + tenant + "/" + stale.version() + " is wrapped under KEK " + stale.kekId()
                    + ", which is not configured; new values are sealed under version " + (stale.version() + 1));
            try {
                SecretKey key = DataKey.newKey();
                store.create(tenant, stale.version() + 1, key, current);
                return Optional.of(new Versioned(stale.version() + 1, key));
            } catch (EJBException | jakarta.persistence.PersistenceException e) {
                found = store.newest(tenant);
            }
        }
        return found.map(k -> new Versioned(k.version(), unwrap(k)));
    }

    private Optional<SecretKey> loadVersion(String id) {
        int slash = id.indexOf('/');
        return store.find(UUID.fromString(id.substring(0, slash)), Integer.parseInt(id.substring(slash + 1))).map(this::unwrap);
    }

    private SecretKey unwrap(DataKey k) {
        Kek kek = keks.get(k.kekId());
        if (kek == null) {
            throw new IllegalStateException("data key " + k.tenantId() + "/" + k.version() + " is wrapped under KEK " + k.kekId()
                    + ", which is not configured (NOVIX_DATA_KEK_PREVIOUS)");
        }
        try {
            return k.unwrap(kek);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("data key " + k.tenantId() + "/" + k.version() + " does not open under KEK " + k.kekId());
        }
    }

    private static UUID owner(TenantId owner) {
        return owner == null ? DataKey.PLATFORM : owner.value();
    }

    private static byte[] aad(UUID tenant, String binding) {
        return (tenant + ":" + binding).getBytes(StandardCharsets.UTF_8);
    }

    /** For tests and operators: the ids of every configured KEK, current first. */
    public List<String> kekIds() {
        return List.copyOf(keks.keySet());
    }
}
