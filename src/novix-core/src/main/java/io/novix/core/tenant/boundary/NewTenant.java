package io.novix.core.tenant.boundary;

/** What an administrator submits to create a tenant; validated by {@code Tenant}. */
public record NewTenant(String slug, String name, String tier, String homeRegion) {
}
