package io.novix.core.credentials.boundary;

import io.novix.core.credentials.control.CredentialStore;
import io.novix.core.credentials.entity.SecretText;
import io.novix.core.credentials.entity.UpstreamCredential;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.NotFound;
import io.novix.core.kernel.CacheGauges;
import io.novix.core.kernel.TtlCache;
import io.novix.core.keys.boundary.DataKeys;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The credentials Novix presents upstream (docs/cost-levers.md#upstream-credentials):
 * <ul>
 * <li>the platform's Hugging Face key: the one stored through the admin API (rotated without a restart),
 * else {@code HF_API_KEY} — sealed under the KEK ({@code sealed:<KEK id>:…}), or plain only where
 * {@code NOVIX_ALLOW_PLAIN_SECRETS=true} (development: the launcher and the test stacks);</li>
 * <li>an endpoint's own key (a dedicated Inference Endpoint, a self-hosted server), sent to that
 * endpoint only.</li>
 * </ul>
 * Stored keys are sealed under the KEK, bound to their scope; every instance follows a change within
 * {@link #FOLLOW}. A key is never logged, audited or echoed: only its fingerprint is shown.
 */
@OneInstance
public class UpstreamCredentials {

    /** Reloads cached rows in use before they expire, off the callers' path (see {@link TtlCache}). */
    @Resource
    ManagedExecutorService refresher;

    private static final Logger LOG = Logger.getLogger(UpstreamCredentials.class.getName());
    static final Duration FOLLOW = Duration.ofSeconds(2);
    public static final String PLATFORM = "platform";
    private static final String ENV_BINDING = "novix-upstream-credential:HF_API_KEY";

    /** Loads and refreshes of the caches below, at /metrics. */
    @Inject
    CacheGauges gauges;

    @Inject
    CredentialStore store;

    @Inject
    DataKeys keys;

    @Inject
    @ConfigProperty(name = "HF_API_KEY")
    Optional<String> configured;

    @Inject
    @ConfigProperty(name = "NOVIX_ALLOW_PLAIN_SECRETS", defaultValue = "false")
    boolean allowPlain;

    Optional<String> fromConfig = Optional.empty();
    private TtlCache<String, String> opened;

    /** A stored credential as the admin API shows it. */
    public record View(String scope, String fingerprint, String kekId, Instant updatedAt) {
    }

    @PostConstruct
    void init() {
        opened = new TtlCache<>(FOLLOW, 10_000, this::open, refresher);
        gauges.watch("upstream-credential", opened);
        Optional<String> value = configured.map(String::strip).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            return;
        }
        Optional<SecretText> sealed = SecretText.parse(value.get());
        if (sealed.isPresent()) {
            try {
                String key = new String(keys.openUnderKek(sealed.get().kekId(), sealed.get().sealed(), ENV_BINDING), StandardCharsets.UTF_8);
                fromConfig = Optional.of(key);
                LOG.info(() -> "HF_API_KEY: sealed, opened under KEK " + sealed.get().kekId() + " (fingerprint " + SecretText.fingerprint(key) + ")");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Invalid configuration: HF_API_KEY is sealed under a KEK that is not configured or "
                        + "does not open it (value not shown)");
            }
        } else if (allowPlain) {
            fromConfig = value;
            LOG.warning("HF_API_KEY is plain text: development only (NOVIX_ALLOW_PLAIN_SECRETS=true); seal it for production "
                    + "(POST /admin/upstream-credentials/seal)");
        } else {
            throw new IllegalStateException("Invalid configuration: HF_API_KEY is plain text; give it sealed under the KEK "
                    + "(sealed:<KEK id>:…, from POST /admin/upstream-credentials/seal) or set NOVIX_ALLOW_PLAIN_SECRETS=true "
                    + "for development (value not shown)");
        }
    }

    /** The Hugging Face key for the router and the endpoints it may go to. */
    public Optional<String> platformKey() {
        return opened.find(PLATFORM).or(() -> fromConfig);
    }

    /** An endpoint's own key, when it has one. */
    public Optional<String> endpointKey(URI endpoint) {
        return opened.find(scopeOf(endpoint));
    }

    public static String scopeOf(URI endpoint) {
        return "url:" + endpoint;
    }

    /** {@code plain} sealed under the KEK for HF_API_KEY: what an operator puts in the configuration instead of the key. */
    public String sealForConfiguration(String plain) {
        checked(plain);
        var sealed = keys.sealUnderKek(plain.getBytes(StandardCharsets.UTF_8), ENV_BINDING);
        return new SecretText(sealed.getKey(), sealed.getValue()).text();
    }

    public View set(String scope, String plain) {
        checked(plain);
        var sealed = keys.sealUnderKek(plain.getBytes(StandardCharsets.UTF_8), binding(scope));
        UpstreamCredential saved = store.save(scope, sealed.getKey(), sealed.getValue(), SecretText.fingerprint(plain));
        opened.invalidate(scope);
        return view(saved);
    }

    public void remove(String scope) {
        if (!store.remove(scope)) {
            throw new NotFound(ErrorCode.NOT_FOUND, "no stored credential for this scope");
        }
        opened.invalidate(scope);
    }

    public Optional<View> find(String scope) {
        return store.find(scope).map(UpstreamCredentials::view);
    }

    public List<View> all() {
        return store.all().stream().map(UpstreamCredentials::view).toList();
    }

    private Optional<String> open(String scope) {
        return store.find(scope).map(c -> {
            try {
                return new String(keys.openUnderKek(c.kekId(), c.sealed(), binding(scope)), StandardCharsets.UTF_8);
            } catch (GeneralSecurityException e) { // never sent wrong: the call goes without this key and fails upstream
                LOG.severe(() -> "upstream credential " + scope + " (fingerprint " + c.fingerprint() + ") does not open under KEK "
                        + c.kekId() + "; rewrap it or set it again");
                return null;
            }
        });
    }

    private static View view(UpstreamCredential c) {
        return new View(c.scope(), c.fingerprint(), c.kekId(), c.updatedAt());
    }

    private static void checked(String plain) {
        if (!SecretText.plausible(plain)) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'apiKey' must be 8 to 4096 visible ASCII characters (value not shown)",
                    "apiKey");
        }
    }

    private static String binding(String scope) {
        return "novix-upstream-credential:" + scope;
    }
}
