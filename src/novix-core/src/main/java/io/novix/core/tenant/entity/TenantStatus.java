package io.novix.core.tenant.entity;

public enum TenantStatus {
    ACTIVE, SUSPENDED
}
