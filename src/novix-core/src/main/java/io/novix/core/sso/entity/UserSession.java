package io.novix.core.sso.entity;

import io.novix.core.identity.entity.Role;
import io.novix.core.identity.entity.SessionKeys;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a person holds after signing in through their tenant's IdP: the roles they had at sign-in,
 * for a bounded time. Only hashes of the session secret and its CSRF token are stored.
 */
@Entity
@Table(name = "user_session")
@NamedQuery(name = UserSession.BY_SECRET, query = "SELECT s FROM UserSession s WHERE s.keys.secretHash = :hash")
public class UserSession {

    public static final String BY_SECRET = "UserSession.bySecret";

    @Id
    private UUID id;
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;
    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;
    @Column(nullable = false, length = 200, updatable = false)
    private String subject;
    @Column(nullable = false, length = 200, updatable = false)
    private String roles;
    @jakarta.persistence.Embedded
    private SessionKeys keys;
    @Column(name = "authn_context", length = 300, updatable = false)
    private String authnContext;
    /** The IdP groups the person signed in with, one per line: what group mappings are applied to, live. */
    @Column(name = "idp_groups", nullable = false, updatable = false)
    private String idpGroups = "";

    protected UserSession() {
    }

    public UserSession(UUID tenantId, UUID userId, String subject, Set<Role> roles, byte[] secretHash, byte[] csrfHash,
                       String authnContext, Instant now, Instant expiresAt) {
        if (roles.isEmpty() || roles.contains(Role.PLATFORM_ADMIN)) {
            throw new IllegalArgumentException("a session holds at least one tenant role");
        }
        this.id = UUID.randomUUID();
        this.tenantId = tenantId;
        this.userId = userId;
        this.subject = subject;
        this.roles = roles.stream().map(Role::name).sorted().collect(Collectors.joining(" "));
        this.keys = new SessionKeys(secretHash, csrfHash, now, expiresAt);
        this.authnContext = authnContext;
    }

    /** Its secret's and CSRF token's hashes and its lifetime: live, CSRF check, sign-out. */
    public SessionKeys keys() {
        return keys;
    }

    /** Keeps the groups the IdP asserted at sign-in (line breaks inside a name would split it, so they go). */
    public UserSession withGroups(java.util.Collection<String> groups) {
        this.idpGroups = groups.stream().map(g -> g.replace('\n', ' ').replace('\r', ' ')).collect(Collectors.joining("\n"));
        return this;
    }

    public java.util.List<String> groups() {
        return idpGroups.isEmpty() ? java.util.List.of() : java.util.List.of(idpGroups.split("\n"));
    }

    public Set<Role> roleSet() {
        Set<Role> set = EnumSet.noneOf(Role.class);
        Arrays.stream(roles.split(" ")).map(Role::valueOf).forEach(set::add);
        return set;
    }

    public UUID id() { return id; }
    public UUID tenantId() { return tenantId; }
    public UUID userId() { return userId; }
    public String subject() { return subject; }
    public String authnContext() { return authnContext; }
    public Instant expiresAt() { return keys.expiresAt(); }
}
