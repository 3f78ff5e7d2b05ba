package io.novix.core.user.entity;

import io.novix.core.identity.entity.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** One line of a tenant's IdP group → Novix role table. */
@Entity
@Table(name = "group_mapping")
@NamedQuery(name = GroupMapping.OF_TENANT, query = "SELECT g FROM GroupMapping g WHERE g.tenantId = :tenant ORDER BY g.idpGroup, g.role")
public class GroupMapping {

    public static final String OF_TENANT = "GroupMapping.ofTenant";

    @Id
    private UUID id;
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;
    @Column(name = "idp_group", nullable = false, length = 200, updatable = false)
    private String idpGroup;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32, updatable = false)
    private Role role;

    protected GroupMapping() {
    }

    public GroupMapping(UUID tenantId, String idpGroup, Role role) {
        if (idpGroup == null || idpGroup.isBlank() || idpGroup.length() > 200) {
            throw new IllegalArgumentException("group must be 1-200 characters");
        }
        if (!role.tenantAssignable()) {
            throw new IllegalArgumentException("platform-admin cannot be mapped from a tenant's IdP");
        }
        this.id = UUID.randomUUID();
        this.tenantId = tenantId;
        this.idpGroup = idpGroup;
        this.role = role;
    }

    /** The roles a person holds through the groups their IdP asserted; unknown groups give nothing. */
    public static Set<Role> rolesFor(Collection<String> groups, List<GroupMapping> table) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GroupMapping m : table) {
            if (groups.contains(m.idpGroup)) {
                roles.add(m.role);
            }
        }
        return roles;
    }

    public UUID tenantId() { return tenantId; }
    public String idpGroup() { return idpGroup; }
    public Role role() { return role; }
}
