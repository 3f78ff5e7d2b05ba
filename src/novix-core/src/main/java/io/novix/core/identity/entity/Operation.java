package io.novix.core.identity.entity;

import io.novix.core.identity.entity.Scope;

/**
 * Every operation of the API, with its audit action name, the token scope it needs (null: the
 * role alone decides) and whether it addresses one tenant's objects (then the tenant must be the
 * caller's own, unless the caller is the platform administrator).
 */
public enum Operation {
    TENANT_CREATE("admin.tenant.create", null, false),
    TENANT_LIST("admin.tenant.list", null, false),
    TIER_LIST("admin.tier.list", null, false),
    TENANT_READ("admin.tenant.read", null, true),

    TOKEN_ISSUE("admin.token.issue", Scope.ADMIN_TOKENS, true),
    TOKEN_LIST("admin.token.list", Scope.ADMIN_TOKENS, true),
    TOKEN_ROTATE("admin.token.rotate", Scope.ADMIN_TOKENS, true),
    TOKEN_REVOKE("admin.token.revoke", Scope.ADMIN_TOKENS, true),

    SERVICE_ACCOUNT_CREATE("admin.service-account.create", Scope.ADMIN_TOKENS, true),
    SERVICE_ACCOUNT_LIST("admin.service-account.list", Scope.ADMIN_TOKENS, true),
    SERVICE_ACCOUNT_ROTATE("admin.service-account.rotate", Scope.ADMIN_TOKENS, true),
    SERVICE_ACCOUNT_DISABLE("admin.service-account.disable", Scope.ADMIN_TOKENS, true),

    USER_CREATE("admin.user.create", Scope.ADMIN_USERS, true),
    USER_LIST("admin.user.list", Scope.ADMIN_USERS, true),
    USER_READ("admin.user.read", Scope.ADMIN_USERS, true),
    USER_REMOVE("admin.user.remove", Scope.ADMIN_USERS, true),
    ROLE_BIND("admin.role.bind", Scope.ADMIN_USERS, true),
    ROLE_UNBIND("admin.role.unbind", Scope.ADMIN_USERS, true),
    GROUP_MAPPING_SET("admin.group-mapping.set", Scope.ADMIN_USERS, true),
    GROUP_MAPPING_LIST("admin.group-mapping.list", Scope.ADMIN_USERS, true),
    IDP_SET("admin.idp.set", Scope.ADMIN_USERS, true),
    IDP_READ("admin.idp.read", Scope.ADMIN_USERS, true),

    POLICY_READ("admin.policy.read", Scope.ADMIN_POLICY, true),
    POLICY_SET("admin.policy.set", null, true),
    CREDENTIAL_LIMIT_LIST("admin.credential-limit.list", Scope.ADMIN_POLICY, true),
    CREDENTIAL_LIMIT_SET("admin.credential-limit.set", Scope.ADMIN_POLICY, true),
    WEBHOOK_READ("admin.webhook.read", Scope.ADMIN_POLICY, true),
    WEBHOOK_SET("admin.webhook.set", Scope.ADMIN_POLICY, true),
    REDACTION_READ("admin.redaction.read", Scope.ADMIN_POLICY, true),
    REDACTION_SET("admin.redaction.set", Scope.ADMIN_POLICY, true),
    CLASSIFICATION_READ("admin.classification.read", Scope.ADMIN_POLICY, true),
    CLASSIFICATION_SET("admin.classification.set", Scope.ADMIN_POLICY, true),
    TENANT_ROUTE_READ("admin.tenant-route.read", Scope.ADMIN_POLICY, true),
    TENANT_ROUTE_SET("admin.tenant-route.set", Scope.ADMIN_POLICY, true),
    CACHE_READ("admin.cache.read", Scope.ADMIN_POLICY, true),
    CACHE_SET("admin.cache.set", Scope.ADMIN_POLICY, true),
    MODEL_PREFERENCE_READ("admin.model-preference.read", Scope.ADMIN_POLICY, true),
    MODEL_PREFERENCE_SET("admin.model-preference.set", Scope.ADMIN_POLICY, true),
    DEDICATED_ENDPOINT_READ("admin.dedicated-endpoint.read", Scope.ADMIN_POLICY, true),
    DEDICATED_ENDPOINT_OPERATE("admin.dedicated-endpoint.operate", Scope.ADMIN_POLICY, true),
    DEDICATED_ENDPOINT_CREATE("admin.dedicated-endpoint.create", null, true),
    DEDICATED_ENDPOINT_DELETE("admin.dedicated-endpoint.delete", null, true),
    DATA_KEY_ROTATE("admin.data-key.rotate", Scope.ADMIN_POLICY, true),

    AUDIT_READ("audit.read", Scope.AUDIT_READ, true),
    USAGE_READ("usage.read", Scope.AUDIT_READ, true),
    AUDIT_VERIFY("audit.verify", Scope.AUDIT_READ, false),
    AUDIT_EXPORT("audit.export", Scope.AUDIT_READ, true),
    AUDIT_ARCHIVE("admin.audit.archive", null, false),
    LEGAL_HOLD_READ("admin.legal-hold.read", null, true),
    LEGAL_HOLD_SET("admin.legal-hold.set", null, true),

    ENDPOINT_REGISTER("admin.endpoint.register", null, false),
    ENDPOINT_LIST("admin.endpoint.list", null, false),
    ENDPOINT_CHANGE("admin.endpoint.change", null, false),
    ENDPOINT_REMOVE("admin.endpoint.remove", null, false),
    SIGNING_KEY_LIST("admin.signing-key.list", null, false),
    SIGNING_KEY_ROTATE("admin.signing-key.rotate", null, false),
    PLATFORM_USAGE_READ("admin.usage.read", null, false),
    PRICE_LIST("admin.price.list", null, false),
    PRICE_SET("admin.price.set", null, false),
    PRICE_REMOVE("admin.price.remove", null, false),
    ROUTE_LIST("admin.route.list", null, false),
    ROUTE_SET("admin.route.set", null, false),
    ROUTE_REMOVE("admin.route.remove", null, false),
    MODEL_VARIANT_LIST("admin.model-variant.list", null, false),
    MODEL_VARIANT_SET("admin.model-variant.set", null, false),
    MODEL_VARIANT_REMOVE("admin.model-variant.remove", null, false),
    UPSTREAM_CREDENTIAL_LIST("admin.upstream-credential.list", null, false),
    UPSTREAM_CREDENTIAL_SET("admin.upstream-credential.set", null, false),
    UPSTREAM_CREDENTIAL_REMOVE("admin.upstream-credential.remove", null, false),
    DATA_KEY_LIST("admin.data-key.list", null, false),
    DATA_KEY_REWRAP("admin.data-key.rewrap", null, false),

    INFERENCE_CHAT("chat.completions", Scope.INFERENCE_CHAT, false),
    INFERENCE_EMBEDDINGS("embeddings", Scope.INFERENCE_EMBEDDINGS, false),
    INFERENCE_IMAGES("images.generations", Scope.INFERENCE_IMAGES, false),
    INFERENCE_AUDIO("audio.transcriptions", Scope.INFERENCE_AUDIO, false);

    private final String action;
    private final Scope scope;
    private final boolean tenantScoped;

    Operation(String action, Scope scope, boolean tenantScoped) {
        this.action = action;
        this.scope = scope;
        this.tenantScoped = tenantScoped;
    }

    public String action() {
        return action;
    }

    /** The scope a token must carry for this operation; null when the role alone decides. */
    public Scope scope() {
        return scope;
    }

    public boolean tenantScoped() {
        return tenantScoped;
    }
}
