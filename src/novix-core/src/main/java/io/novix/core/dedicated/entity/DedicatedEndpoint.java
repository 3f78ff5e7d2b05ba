package io.novix.core.dedicated.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A tenant's dedicated Inference Endpoint as Novix knows it: its spec, last state and URL, and its route once serving. */
@Entity
@Table(name = "dedicated_endpoint")
public class DedicatedEndpoint {

    @Id
    private UUID id;
    @Column(name = "tenant_id", nullable = false)
    private UUID tenantId;
    @Column(nullable = false, length = 32)
    private String name;
    @Column(name = "model_id", nullable = false, length = 200)
    private String modelId;
    @Column(nullable = false, length = 48)
    private String task;
    @Column(nullable = false, length = 48)
    private String vendor;
    @Column(nullable = false, length = 48)
    private String region;
    @Column(nullable = false, length = 48)
    private String accelerator;
    @Column(name = "instance_type", nullable = false, length = 48)
    private String instanceType;
    @Column(name = "instance_size", nullable = false, length = 48)
    private String instanceSize;
    @Column(name = "min_replica", nullable = false)
    private int minReplica;
    @Column(name = "max_replica", nullable = false)
    private int maxReplica;
    @Column(name = "scale_to_zero_minutes", nullable = false)
    private int scaleToZeroMinutes;
    @Column(nullable = false)
    private boolean sovereign;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    private EndpointState state;
    @Column(length = 300)
    private String url;
    @Column(name = "model_endpoint_id")
    private UUID modelEndpointId;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected DedicatedEndpoint() {
    }

    public DedicatedEndpoint(UUID tenantId, EndpointSpec s, boolean sovereign, Instant now) {
        this.id = UUID.randomUUID();
        this.tenantId = tenantId;
        this.name = s.name();
        this.modelId = s.model();
        this.task = s.task();
        this.vendor = s.vendor();
        this.region = s.region();
        this.accelerator = s.accelerator();
        this.instanceType = s.instanceType();
        this.instanceSize = s.instanceSize();
        this.minReplica = s.minReplica();
        this.maxReplica = s.maxReplica();
        this.scaleToZeroMinutes = s.scaleToZeroMinutes();
        this.sovereign = sovereign;
        this.state = EndpointState.PENDING;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** What the API reported; the URL only when it gave one. */
    public void observed(EndpointState state, String url, Instant now) {
        this.state = state;
        if (url != null) {
            this.url = url;
        }
        this.updatedAt = now;
    }

    public void routedAs(UUID modelEndpoint) {
        this.modelEndpointId = modelEndpoint;
    }

    public UUID id() { return id; }
    public UUID tenantId() { return tenantId; }
    public String name() { return name; }
    public String modelId() { return modelId; }
    public String task() { return task; }
    public String vendor() { return vendor; }
    public String region() { return region; }
    public String accelerator() { return accelerator; }
    public String instanceType() { return instanceType; }
    public String instanceSize() { return instanceSize; }
    public int minReplica() { return minReplica; }
    public int maxReplica() { return maxReplica; }
    public int scaleToZeroMinutes() { return scaleToZeroMinutes; }
    public boolean sovereign() { return sovereign; }
    public EndpointState state() { return state; }
    public String url() { return url; }
    public UUID modelEndpointId() { return modelEndpointId; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
}
