package io.novix.core.user.entity;

import io.novix.core.identity.entity.Role;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A person of one tenant, known by the subject their IdP asserts (SAML NameID, e.g. an e-mail
 * address), with the roles bound to them directly. Roles from IdP groups come on top at sign-in.
 */
@Entity
@Table(name = "tenant_user")
@NamedQuery(name = TenantUser.OF_TENANT, query = "SELECT u FROM TenantUser u WHERE u.tenantId = :tenant ORDER BY u.subject")
@NamedQuery(name = TenantUser.BY_SUBJECT, query = "SELECT u FROM TenantUser u WHERE u.tenantId = :tenant AND u.subject = :subject")
public class TenantUser {

    public static final String OF_TENANT = "TenantUser.ofTenant";
    public static final String BY_SUBJECT = "TenantUser.bySubject";
    private static final Pattern SUBJECT = Pattern.compile("^[\\p{L}\\p{N}._@+-]{1,200}$");

    @Id
    private UUID id;
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;
    @Column(nullable = false, length = 200, updatable = false)
    private String subject;
    @Column(name = "display_name", nullable = false, length = 200)
    private String displayName;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "role_binding", joinColumns = @JoinColumn(name = "user_id"))
    @Enumerated(EnumType.STRING)
    @Column(name = "role", length = 32, nullable = false)
    private Set<Role> roles = EnumSet.noneOf(Role.class);
    @Version
    private long version;

    protected TenantUser() {
    }

    public TenantUser(UUID tenantId, String subject, String displayName, Instant now) {
        if (subject == null || !SUBJECT.matcher(subject).matches()) {
            throw new IllegalArgumentException("subject must be 1-200 letters, digits or . _ @ + -");
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
            throw new IllegalArgumentException("displayName must be 1-200 characters");
        }
        this.id = UUID.randomUUID();
        this.tenantId = tenantId;
        this.subject = subject;
        this.displayName = displayName.strip();
        this.createdAt = now;
    }

    /** Binds a tenant role; platform-admin can never be bound inside a tenant. Binding twice is a no-op. */
    public boolean bind(Role role) {
        if (!role.tenantAssignable()) {
            throw new IllegalArgumentException("platform-admin cannot be bound inside a tenant");
        }
        return roles.add(role);
    }

    public boolean unbind(Role role) {
        return roles.remove(role);
    }

    public UUID id() { return id; }
    public UUID tenantId() { return tenantId; }
    public String subject() { return subject; }
    public String displayName() { return displayName; }
    public Instant createdAt() { return createdAt; }
    public Set<Role> roles() { return Collections.unmodifiableSet(roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles)); }
}
