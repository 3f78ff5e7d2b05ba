package it.novix;

import io.novix.launcher.NovixStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hardening class 2 over HTTP: a credential creates tokens, service accounts, role bindings and
 * group mappings only within its own power. Issuers: tenant-admin tokens carrying each single scope,
 * a few pairs and all scopes; targets: every tenant role with each single scope and with all the
 * scopes it may hold. The expected answer is computed from the rule, independently of the code.
 */
class DelegationIT {

    enum S {
        CHAT("inference:chat"), EMB("inference:embeddings"), IMG("inference:images"), AUDIO("inference:audio"),
        TOKENS("admin:tokens"), USERS("admin:users"), POLICY("admin:policy"), AUDIT("audit:read");
        final String v;
        S(String v) { this.v = v; }
    }

    /** The scopes each tenant role may carry: for its own use, or (tenant-admin) to hand on. */
    private static final Map<String, Set<S>> HOLDABLE = Map.of(
            "tenant-admin", EnumSet.allOf(S.class),
            "developer", EnumSet.of(S.CHAT, S.EMB, S.IMG, S.AUDIO),
            "service", EnumSet.of(S.CHAT, S.EMB, S.IMG, S.AUDIO),
            "auditor", EnumSet.of(S.AUDIT));

    private static NovixStack stack;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
    }

    private static List<Set<S>> issuerScopeSets() {
        List<Set<S>> sets = new ArrayList<>();
        for (S s : S.values()) {
            sets.add(EnumSet.of(s));
        }
        sets.add(EnumSet.of(S.TOKENS, S.CHAT));
        sets.add(EnumSet.of(S.TOKENS, S.AUDIT, S.EMB));
        sets.add(EnumSet.of(S.USERS, S.CHAT, S.EMB, S.IMG, S.AUDIO));
        sets.add(EnumSet.allOf(S.class));
        return sets;
    }

    private static String[] names(Set<S> scopes) {
        return scopes.stream().map(s -> s.v).toArray(String[]::new);
    }

    private static String json(Set<S> scopes) {
        return "[\"" + String.join("\",\"", names(scopes)) + "\"]";
    }

    /** Independent statement of the rule: the right admin scope, a role at most one's own, scopes one holds. */
    private static int expected(Set<S> issuer, S adminScope, String role, Set<S> granted) {
        if (!issuer.contains(adminScope)) {
            return 403;
        }
        if (!issuer.containsAll(granted)) {
            return 403;
        }
        return HOLDABLE.get(role).containsAll(granted) ? 201 : 400; // 400: a scope of no use to the target role
    }

    @Test
    void tokensAndServiceAccountsNeverWidenTheirIssuer() throws Exception {
        String tenant = api.tenant(Identities.slug("deleg"), "ENTERPRISE");
        List<String> wrong = new ArrayList<>();
        int created = 0;
        for (Set<S> issuerScopes : issuerScopeSets()) {
            String issuer = Identities.token(api, tenant, "tenant-admin", names(issuerScopes));
            for (String role : HOLDABLE.keySet()) {
                Set<Set<S>> targets = new LinkedHashSet<>();
                for (S s : S.values()) {
                    targets.add(EnumSet.of(s));
                }
                targets.add(HOLDABLE.get(role));
                for (Set<S> granted : targets) {
                    Api.Answer a = api.send("POST", "/admin/tenants/" + tenant + "/tokens", issuer,
                            "{\"name\":\"t\",\"role\":\"" + role + "\",\"scopes\":" + json(granted) + ",\"expiresIn\":\"P1D\"}");
                    int want = expected(issuerScopes, S.TOKENS, role, granted);
                    check(wrong, "token " + issuerScopes + " → " + role + granted, want, a);
                    created += a.status() == 201 ? 1 : 0;
                }
            }
            for (S s : S.values()) {
                Api.Answer a = api.send("POST", "/admin/tenants/" + tenant + "/service-accounts", issuer,
                        "{\"name\":\"sa\",\"scopes\":[\"" + s.v + "\"]}");
                check(wrong, "service account " + issuerScopes + " → " + s, expected(issuerScopes, S.TOKENS, "service", EnumSet.of(s)), a);
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(created > 20, "the matrix also exercises allowed delegation: " + created);
        long denied = Db.query(stack, "SELECT 1 FROM audit_record WHERE tenant_id = ? AND outcome = 'DENIED' AND error_code = 'delegation_denied'",
                UUID.fromString(tenant)).size();
        assertTrue(denied > 50, "every refused delegation leaves a DENIED audit row: " + denied);
    }

    @Test
    void roleBindingsAndGroupMappingsGiveNoMoreThanTheIssuerHolds() throws Exception {
        String tenant = api.tenant(Identities.slug("bind"), "ENTERPRISE");
        String user = api.admin("POST", "/admin/tenants/" + tenant + "/users", "{\"subject\":\"ann@bank.example\",\"displayName\":\"Ann\"}").object().getString("id");
        List<String> wrong = new ArrayList<>();
        for (Set<S> issuerScopes : issuerScopeSets()) {
            String issuer = Identities.token(api, tenant, "tenant-admin", names(issuerScopes));
            for (String role : HOLDABLE.keySet()) {
                int want = !issuerScopes.contains(S.USERS) ? 403 : issuerScopes.containsAll(HOLDABLE.get(role)) ? 200 : 403;
                check(wrong, "binding " + issuerScopes + " → " + role, want,
                        api.send("POST", "/admin/tenants/" + tenant + "/users/" + user + "/roles", issuer, "{\"role\":\"" + role + "\"}"));
                check(wrong, "group mapping " + issuerScopes + " → " + role, want,
                        api.send("PUT", "/admin/tenants/" + tenant + "/group-mappings", issuer, "{\"groups\":{\"g\":[\"" + role + "\"]}}"));
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void rotationIsDelegationToo() throws Exception {
        String tenant = api.tenant(Identities.slug("rot"), "ENTERPRISE");
        String narrow = Identities.token(api, tenant, "tenant-admin", "admin:tokens");
        Api.Answer wide = api.admin("POST", "/admin/tenants/" + tenant + "/tokens",
                "{\"name\":\"wide\",\"role\":\"tenant-admin\",\"scopes\":[\"admin:tokens\",\"admin:users\"],\"expiresIn\":\"P1D\"}");
        Api.Answer own = api.admin("POST", "/admin/tenants/" + tenant + "/tokens",
                "{\"name\":\"own\",\"role\":\"tenant-admin\",\"scopes\":[\"admin:tokens\"],\"expiresIn\":\"P1D\"}");
        Api.Answer r = api.send("POST", "/admin/tenants/" + tenant + "/tokens/" + wide.object().getString("id") + "/rotate", narrow, null);
        assertEquals(403, r.status(), "a new secret for a wider token is a wider credential: " + r.body());
        assertEquals("delegation_denied", r.errorCode());
        assertEquals(201, api.send("POST", "/admin/tenants/" + tenant + "/tokens/" + own.object().getString("id") + "/rotate", narrow, null).status());

        String sa = api.admin("POST", "/admin/tenants/" + tenant + "/service-accounts", "{\"name\":\"b\",\"scopes\":[\"inference:images\"]}")
                .object().getString("id");
        String chatOnly = Identities.token(api, tenant, "tenant-admin", "admin:tokens", "inference:chat");
        Api.Answer secret = api.send("POST", "/admin/tenants/" + tenant + "/service-accounts/" + sa + "/secret", chatOnly, null);
        assertEquals(403, secret.status(), secret.body());
    }

    private static void check(List<String> wrong, String what, int want, Api.Answer a) {
        boolean ok = a.status() == want && (want != 403 || a.body().contains("delegation_denied") || a.body().contains("permission_denied"));
        if (!ok) {
            wrong.add(what + ": wanted " + want + ", got " + a.status() + " " + a.body());
        }
    }
}
