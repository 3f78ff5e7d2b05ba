package io.novix.core.tenant.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

@Entity
@Table(name = "tenant")
@NamedQuery(name = Tenant.ALL, query = "SELECT t FROM Tenant t ORDER BY t.createdAt")
@NamedQuery(name = Tenant.BY_SLUG, query = "SELECT t FROM Tenant t WHERE t.slug = :slug")
public class Tenant {

    public static final String ALL = "Tenant.all";
    public static final String BY_SLUG = "Tenant.bySlug";
    private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");
    private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-[a-z0-9]+){0,3}$");

    @Id
    private UUID id;
    @Column(nullable = false, length = 63)
    private String slug;
    @Column(nullable = false, length = 200)
    private String name;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Tier tier;
    @Column(name = "home_region", nullable = false, length = 32)
    private String homeRegion;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private TenantStatus status;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Version
    private long version;

    protected Tenant() {
    }

    public Tenant(String slug, String name, Tier tier, String homeRegion, Instant now) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw new IllegalArgumentException("slug must be 2-63 lower-case letters, digits or '-', starting with a letter or digit");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("name must be 1-200 characters");
        }
        if (homeRegion == null || !REGION.matcher(homeRegion).matches()) {
            throw new IllegalArgumentException("homeRegion must look like 'eu-west-1' or 'us'");
        }
        this.id = UUID.randomUUID();
        this.slug = slug;
        this.name = name.strip();
        this.tier = Objects.requireNonNull(tier, "tier");
        this.homeRegion = homeRegion;
        this.status = TenantStatus.ACTIVE;
        this.createdAt = now;
    }

    public boolean isActive() {
        return status == TenantStatus.ACTIVE;
    }

    public void suspend() {
        status = TenantStatus.SUSPENDED;
    }

    public TierPolicy policy() {
        return tier.policy();
    }

    public UUID id() { return id; }
    public String slug() { return slug; }
    public String name() { return name; }
    public Tier tier() { return tier; }
    public String homeRegion() { return homeRegion; }
    public TenantStatus status() { return status; }
    public Instant createdAt() { return createdAt; }
}
