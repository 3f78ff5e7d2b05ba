package io.novix.core.identity.entity;

import io.novix.core.identity.entity.Scope;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static io.novix.core.identity.entity.Operation.*;

/**
 * The one place that says which role may do what (docs/permissions.md is generated from the same
 * table by hand; PermissionMatrixTest keeps the two in step). Separation of duties: nobody who
 * administers or audits may run inference, and the auditor can only read.
 */
public final class PermissionMatrix {

    private static final Map<Role, Set<Operation>> ALLOWED = new EnumMap<>(Role.class);
    /** Per role, the scopes its operations need: derived once, asked on every inference call. */
    private static final Map<Role, Set<Scope>> USEFUL_SCOPES = new EnumMap<>(Role.class);

    static {
        Set<Operation> inference = EnumSet.of(INFERENCE_CHAT, INFERENCE_EMBEDDINGS, INFERENCE_IMAGES, INFERENCE_AUDIO);
        Set<Operation> platform = EnumSet.allOf(Operation.class);
        platform.removeAll(inference);
        ALLOWED.put(Role.PLATFORM_ADMIN, platform);
        ALLOWED.put(Role.TENANT_ADMIN, EnumSet.of(TENANT_READ,
                TOKEN_ISSUE, TOKEN_LIST, TOKEN_ROTATE, TOKEN_REVOKE,
                SERVICE_ACCOUNT_CREATE, SERVICE_ACCOUNT_LIST, SERVICE_ACCOUNT_ROTATE, SERVICE_ACCOUNT_DISABLE,
                USER_CREATE, USER_LIST, USER_READ, USER_REMOVE, ROLE_BIND, ROLE_UNBIND, GROUP_MAPPING_SET, GROUP_MAPPING_LIST, IDP_SET, IDP_READ,
                POLICY_READ, CREDENTIAL_LIMIT_LIST, CREDENTIAL_LIMIT_SET, WEBHOOK_READ, WEBHOOK_SET, REDACTION_READ, REDACTION_SET, CLASSIFICATION_READ, CLASSIFICATION_SET, TENANT_ROUTE_READ, TENANT_ROUTE_SET, CACHE_READ, CACHE_SET, MODEL_PREFERENCE_READ, MODEL_PREFERENCE_SET, DEDICATED_ENDPOINT_READ, DEDICATED_ENDPOINT_OPERATE, DATA_KEY_ROTATE, AUDIT_READ, AUDIT_EXPORT, AUDIT_VERIFY, USAGE_READ));
        Set<Operation> developer = EnumSet.of(TENANT_READ);
        developer.addAll(inference);
        ALLOWED.put(Role.DEVELOPER, developer);
        ALLOWED.put(Role.AUDITOR, EnumSet.of(TENANT_READ, AUDIT_READ, USAGE_READ, AUDIT_VERIFY, AUDIT_EXPORT));
        ALLOWED.put(Role.SERVICE, EnumSet.copyOf(inference));
        ALLOWED.forEach((role, ops) -> {
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            ops.stream().map(Operation::scope).filter(java.util.Objects::nonNull).forEach(scopes::add);
            USEFUL_SCOPES.put(role, scopes);
        });
    }

    private PermissionMatrix() {
    }

    public static boolean allows(Role role, Operation operation) {
        return role != null && ALLOWED.get(role).contains(operation);
    }

    public static Set<Operation> of(Role role) {
        return Collections.unmodifiableSet(ALLOWED.get(role));
    }

    /** A scope makes sense for a role when at least one operation the role may do needs it. */
    public static boolean scopeFits(Role role, Scope scope) {
        return USEFUL_SCOPES.get(role).contains(scope);
    }
}
