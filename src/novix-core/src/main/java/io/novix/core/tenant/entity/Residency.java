package io.novix.core.tenant.entity;

/** Where a tenant's data may be processed. */
public enum Residency {
    /** any region */
    GLOBAL,
    /** the tenant's home region only */
    REGIONAL,
    /** the tenant's home region, on sovereign infrastructure only */
    SOVEREIGN
}
