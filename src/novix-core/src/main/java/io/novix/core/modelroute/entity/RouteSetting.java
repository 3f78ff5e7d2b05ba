package io.novix.core.modelroute.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A stored route: the platform's (no tenant) or one tenant's own. */
@Entity
@Table(name = "model_route")
public class RouteSetting {

    @Id
    private UUID id;
    @Column(name = "tenant_id")
    private UUID tenantId;
    @Column(nullable = false, length = 40)
    private String name;
    @Column(name = "small_model", nullable = false, length = 200)
    private String smallModel;
    @Column(name = "large_model", nullable = false, length = 200)
    private String largeModel;
    @Column(nullable = false, precision = 4, scale = 3)
    private BigDecimal threshold;
    @Column(name = "hot_above", nullable = false, precision = 4, scale = 3)
    private BigDecimal hotAbove;
    @Column(name = "hot_temperature", nullable = false, precision = 4, scale = 3)
    private BigDecimal hotTemperature;
    @Column(nullable = false, precision = 4, scale = 3)
    private BigDecimal temperature;
    @Column(name = "max_tokens", nullable = false)
    private int maxTokens;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected RouteSetting() {
    }

    public RouteSetting(UUID tenantId, String name) {
        this.id = UUID.randomUUID();
        this.tenantId = tenantId;
        this.name = name;
    }

    public void set(ModelRoute r, Instant now) {
        smallModel = r.smallModel();
        largeModel = r.largeModel();
        threshold = BigDecimal.valueOf(r.threshold());
        hotAbove = BigDecimal.valueOf(r.hotAbove());
        hotTemperature = BigDecimal.valueOf(r.hotTemperature());
        temperature = BigDecimal.valueOf(r.temperature());
        maxTokens = r.maxTokens();
        updatedAt = now;
    }

    public ModelRoute route() {
        return new ModelRoute(name, smallModel, largeModel, threshold.doubleValue(), hotAbove.doubleValue(),
                hotTemperature.doubleValue(), temperature.doubleValue(), maxTokens);
    }

    public UUID id() { return id; }
    public UUID tenantId() { return tenantId; }
    public String name() { return name; }
    public Instant updatedAt() { return updatedAt; }
}
