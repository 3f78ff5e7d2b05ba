package io.novix.core.routing.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** One place a model is served, with its priority among the model's endpoints. */
@Entity
@Table(name = "model_endpoint")
@NamedQuery(name = ModelEndpoint.ALL, query = "SELECT e FROM ModelEndpoint e ORDER BY e.modelId, e.priority")
@NamedQuery(name = ModelEndpoint.OF_MODEL, query = "SELECT e FROM ModelEndpoint e WHERE e.modelId = :model ORDER BY e.priority, e.createdAt")
@NamedQuery(name = ModelEndpoint.ROUTER_ROW, query = "SELECT e FROM ModelEndpoint e WHERE e.modelId = :model AND e.baseUrl IS NULL")
public class ModelEndpoint {

    public static final String ALL = "ModelEndpoint.all";
    public static final String OF_MODEL = "ModelEndpoint.ofModel";
    public static final String ROUTER_ROW = "ModelEndpoint.routerRow";
    private static final Pattern REGION = Pattern.compile("^[a-z]{2,6}(-[a-z0-9]+){0,3}$");

    @Id
    private UUID id;
    @Column(name = "model_id", nullable = false, length = 200)
    private String modelId;
    @Column(nullable = false, length = 48)
    private String task;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private EndpointKind kind;
    @Column(name = "base_url", length = 300)
    private String baseUrl;
    @Column(nullable = false, length = 32)
    private String region;
    @Column(nullable = false)
    private int priority;
    @Column(nullable = false)
    private boolean enabled;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    /** A plain-HTTP endpoint the platform admin vouches for (a self-hosted server on a private network). */
    @Column(name = "trusted_private", nullable = false)
    private boolean trustedPrivate;
    /** The tenant this endpoint is dedicated to; null: shared by every tenant its kind and region admit. */
    @Column(name = "dedicated_to")
    private UUID dedicatedTo;
    /** Sovereign infrastructure: the only kind a Sovereign (Government) tenant is served by. */
    @Column(nullable = false)
    private boolean sovereign;
    @Version
    private long version;

    protected ModelEndpoint() {
    }

    /** {@code baseUrl} empty means the configured Hugging Face router (serverless only). */
    public ModelEndpoint(String modelId, String task, EndpointKind kind, Optional<URI> baseUrl, String region,
                         int priority, Instant now) {
        if (!ModelId.valid(modelId)) {
            throw new IllegalArgumentException("modelId must be a Hugging Face model id like 'org/model'");
        }
        if (Task.named(task).isEmpty()) {
            throw new IllegalArgumentException("task must be one of " + Task.names());
        }
        Objects.requireNonNull(kind, "kind");
        if (baseUrl.isEmpty() && kind != EndpointKind.SERVERLESS) {
            throw new IllegalArgumentException("a dedicated or self-hosted endpoint needs a baseUrl");
        }
        baseUrl.ifPresent(ModelEndpoint::checkUrl);
        if (region == null || !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("region must look like 'eu-west-1' or 'global'");
        }
        this.id = UUID.randomUUID();
        this.modelId = modelId;
        this.task = task;
        this.kind = kind;
        this.baseUrl = baseUrl.map(URI::toString).orElse(null);
        this.region = region;
        this.createdAt = now;
        this.enabled = true;
        reprioritise(priority);
    }

    private static void checkUrl(URI url) {
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null
                || url.getUserInfo() != null || url.toString().length() > 300) {
            throw new IllegalArgumentException("baseUrl must be an http(s) URL with a host and no credentials");
        }
        String refusal = EndpointAddress.refusal(url);
        if (refusal != null) {
            throw new IllegalArgumentException("baseUrl refused: " + refusal);
        }
    }

    /** Whether Novix's Hugging Face key may go to this endpoint: HTTPS, the router, or vouched for. */
    public boolean keyAllowed() {
        return baseUrl == null || baseUrl.startsWith("https://") || trustedPrivate;
    }

    public ModelEndpoint trustPrivate(boolean trusted) {
        this.trustedPrivate = trusted;
        return this;
    }

    public boolean trustedPrivate() {
        return trustedPrivate;
    }

    public static boolean isRegion(String name) {
        return name != null && REGION.matcher(name).matches();
    }

    /** Where the router's traffic stays, as the operator configures it (HF_ROUTER_REGION); the router row only. */
    public void routerRegion(String where) {
        if (baseUrl != null || where == null || !REGION.matcher(where).matches()) {
            throw new IllegalArgumentException("HF_ROUTER_REGION must look like 'eu-west-1' or 'global'");
        }
        this.region = where;
    }

    /** Dedicates the endpoint to one tenant (null: shared) and says whether it is sovereign infrastructure. */
    public ModelEndpoint place(UUID tenant, boolean sovereignInfrastructure) {
        if (tenant != null && baseUrl == null) {
            throw new IllegalArgumentException("the router is shared: only a dedicated or self-hosted endpoint can be dedicated to a tenant");
        }
        this.dedicatedTo = tenant;
        this.sovereign = sovereignInfrastructure;
        return this;
    }

    public UUID dedicatedTo() {
        return dedicatedTo;
    }

    public boolean sovereign() {
        return sovereign;
    }

    public void reprioritise(int newPriority) {
        if (newPriority < 0 || newPriority > 100_000) {
            throw new IllegalArgumentException("priority must be between 0 and 100000 (lower is tried first)");
        }
        this.priority = newPriority;
    }

    public void enable(boolean on) {
        this.enabled = on;
    }

    /** Where calls go: this endpoint's URL, or the router when it has none. */
    public URI target(URI router) {
        return baseUrl == null ? router : URI.create(baseUrl);
    }

    public UUID id() { return id; }
    public String modelId() { return modelId; }
    public String task() { return task; }
    public EndpointKind kind() { return kind; }
    public Optional<String> baseUrl() { return Optional.ofNullable(baseUrl); }
    public String region() { return region; }
    public int priority() { return priority; }
    public boolean enabled() { return enabled; }
    public Instant createdAt() { return createdAt; }
}
