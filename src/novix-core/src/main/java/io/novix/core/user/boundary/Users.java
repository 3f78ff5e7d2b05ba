package io.novix.core.user.boundary;

import io.novix.core.kernel.ErrorCode;
import io.novix.core.identity.entity.Role;
import io.novix.core.kernel.Conflict;
import io.novix.core.kernel.NotFound;
import io.novix.core.tenant.boundary.Tenants;
import io.novix.core.identity.entity.Caller;
import io.novix.core.user.entity.GroupMapping;
import io.novix.core.user.entity.TenantUser;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A tenant's people, their role bindings, and the tenant's IdP group mapping. */
@Stateless
public class Users {

    @PersistenceContext(unitName = "novix")
    EntityManager em;

    @Inject
    Tenants tenants;

    public TenantUser create(UUID tenantId, String subject, String displayName) {
        tenants.find(tenantId);
        if (!em.createNamedQuery(TenantUser.BY_SUBJECT, TenantUser.class).setParameter("tenant", tenantId)
                .setParameter("subject", subject).getResultList().isEmpty()) {
            throw new Conflict(ErrorCode.USER_EXISTS, "this tenant already has a user with this subject");
        }
        TenantUser user = new TenantUser(tenantId, subject, displayName, Instant.now());
        em.persist(user);
        return user;
    }

    public List<TenantUser> list(UUID tenantId) {
        tenants.find(tenantId);
        return em.createNamedQuery(TenantUser.OF_TENANT, TenantUser.class).setParameter("tenant", tenantId).getResultList();
    }

    /** A user of this tenant; another tenant's user is simply not found. */
    public TenantUser find(UUID tenantId, UUID userId) {
        TenantUser user = em.find(TenantUser.class, userId);
        if (user == null || !user.tenantId().equals(tenantId)) {
            throw new NotFound(ErrorCode.USER_NOT_FOUND, "no user with this id in this tenant");
        }
        return user;
    }

    public void remove(UUID tenantId, UUID userId) {
        em.remove(find(tenantId, userId));
    }

    public TenantUser bind(Caller issuer, UUID tenantId, UUID userId, Role role) {
        TenantUser user = find(tenantId, userId);
        issuer.mayBind(role);
        user.bind(role);
        return user;
    }

    public TenantUser unbind(UUID tenantId, UUID userId, Role role) {
        TenantUser user = find(tenantId, userId);
        if (!user.unbind(role)) {
            throw new NotFound(ErrorCode.BINDING_NOT_FOUND, "the user does not hold this role directly");
        }
        return user;
    }

    public List<GroupMapping> mappings(UUID tenantId) {
        tenants.find(tenantId);
        return em.createNamedQuery(GroupMapping.OF_TENANT, GroupMapping.class).setParameter("tenant", tenantId).getResultList();
    }

    /** Replaces the whole table in one transaction: the mapping is never seen half-written. */
    public List<GroupMapping> replaceMappings(Caller issuer, UUID tenantId, Map<String, List<Role>> table) {
        table.values().forEach(roles -> roles.forEach(issuer::mayBind));
        mappings(tenantId).forEach(em::remove);
        em.flush();
        table.forEach((group, roles) -> roles.forEach(role -> em.persist(new GroupMapping(tenantId, group, role))));
        em.flush();
        return mappings(tenantId);
    }
}
