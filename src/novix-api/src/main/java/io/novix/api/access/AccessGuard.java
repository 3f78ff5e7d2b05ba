package io.novix.api.access;

import io.novix.core.tenant.entity.TenantId;
import io.novix.core.identity.entity.Principal;
import io.novix.core.kernel.ErrorCode;
import io.novix.api.admin.TenantView;
import io.novix.api.platform.ErrorMappers;
import io.novix.api.platform.Replies;
import io.novix.api.platform.RequestIdFilter;
import io.novix.core.access.boundary.AccessControl;
import io.novix.core.access.boundary.RefusalThrottle;
import io.novix.core.identity.entity.AccessDecision;
import io.novix.core.identity.entity.Operation;
import io.novix.core.audit.boundary.AuditTrail;
import io.novix.core.audit.entity.AdminChange;
import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.audit.entity.Outcome;
import io.novix.core.kernel.Reply;
import io.novix.core.identity.entity.Caller;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.time.Instant;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The door of the admin, identity and audit APIs. Every request is authenticated, checked against
 * the permission matrix and tenant scoping in {@link AccessControl}, and audited — refused or not,
 * with the actor's role and the object before and after — before the response leaves.
 */
@Provider
@Guarded
@Priority(Priorities.AUTHENTICATION)
public class AccessGuard implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(AccessGuard.class.getName());
    private static final String STARTED = "novix.access.started";
    private static final String DECISION = "novix.access.decision";
    private static final String THROTTLED = "novix.access.throttled";
    /** The session cookie set at SAML sign-in, and the header that must echo its CSRF token on changes. */
    public static final String SESSION_COOKIE = "novix_session";
    public static final String CSRF_HEADER = "X-Novix-CSRF";

    @Inject
    AccessControl access;

    @Inject
    AuditTrail audit;

    @Inject
    RefusalThrottle throttle;

    @Context
    jakarta.servlet.http.HttpServletRequest servletRequest;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
        Operation operation = operation();
        if (operation == null) {
            throw new IllegalStateException("guarded resource method without @Allowed: " + resource.getResourceMethod());
        }
        String address = servletRequest == null ? null : servletRequest.getRemoteAddr();
        jakarta.ws.rs.core.Cookie session = request.getCookies().get(SESSION_COOKIE);
        boolean mutating = !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod());
        var auth = access.identify(request.getHeaderString(HttpHeaders.AUTHORIZATION), session == null ? null : session.getValue(),
                request.getHeaderString(CSRF_HEADER), mutating, Instant.now());
        AccessDecision decision = access.check(auth, operation, request.getUriInfo().getPathParameters().getFirst("tenantId"));
        request.setProperty(DECISION, decision);
        if (decision.allowed()) {
            request.setProperty(Acting.CALLER, decision.authentication().caller().orElseThrow());
            return;
        }
        if (!decision.authentication().granted() && !throttle.refused(address, decision.authentication().tenantHint())) {
            throttled(request, address, operation);
            return;
        }
        String requestId = RequestIdFilter.of(request);
        request.setProperty(ErrorMappers.ERROR_CODE, decision.auditCode());
        Map<String, String> challenge = decision.code().status() == 401
                ? Map.of("WWW-Authenticate", "Bearer realm=\"novix\"") : Map.of();
        request.abortWith(Replies.toResponse(Reply.error(decision.code(), decision.message(), null,
                requestId, challenge), requestId));
    }

    /** Over the refusal budget: 429 at once, counted in the throttle's aggregate row instead of a row of its own. */
    private void throttled(ContainerRequestContext request, String address, Operation operation) {
        request.setProperty(THROTTLED, Boolean.TRUE);
        throttle.throttled(address, operation.action(), ErrorCode.TOO_MANY_REFUSALS.code());
        String requestId = RequestIdFilter.of(request);
        request.abortWith(Replies.toResponse(Reply.error(ErrorCode.TOO_MANY_REFUSALS,
                "too many refused requests from this client; retry later", null, requestId,
                Map.of("Retry-After", String.valueOf(throttle.retryAfterSeconds(address)))), requestId));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(THROTTLED) != null) {
            return;
        }
        String requestId = RequestIdFilter.of(request);
        int status = response.getStatus();
        Object started = request.getProperty(STARTED);
        int latency = started == null ? 0 : (int) ((System.nanoTime() - (Long) started) / 1_000_000);
        AccessDecision decision = (AccessDecision) request.getProperty(DECISION);
        Caller caller = decision == null ? null : decision.authentication().caller().orElse(null);
        Principal principal = Principal.orAnonymous(decision == null ? null : decision.authentication().principalHint());
        TenantId tenant = affectedTenant(request, response, decision);
        Operation operation = operation();
        boolean changed = status < 400 && !"GET".equals(request.getMethod());
        AdminChange change = new AdminChange(caller == null ? null : caller.roleNames(),
                changed ? AuditJson.of(request.getProperty(Acting.BEFORE)) : null,
                changed ? AuditJson.of(response.getEntity()) : null);
        AuditEntry entry = AuditEntry.admin(Instant.now(), requestId, tenant, principal,
                operation == null ? "admin.unknown" : operation.action(),
                request.getMethod() + " " + request.getUriInfo().getPath(), status,
                errorCode(request, status), latency, caller == null ? null : caller.tokenId(), change)
                .from(servletRequest == null ? null : servletRequest.getRemoteAddr());
        try {
            audit.recordNow(entry);
        } catch (io.novix.core.audit.boundary.AuditUnavailable e) {
            LOG.log(Level.SEVERE, "admin request {0}: audit failed", requestId);
            Reply reply = Reply.error(ErrorCode.AUDIT_UNAVAILABLE, "the audit trail could not record this request", null, requestId);
            Response r = Replies.toResponse(reply, requestId);
            response.setStatus(r.getStatus());
            response.setEntity(r.getEntity());
        }
    }

    private Operation operation() {
        if (resource == null || resource.getResourceMethod() == null) {
            return null;
        }
        Allowed a = resource.getResourceMethod().getAnnotation(Allowed.class);
        return a == null ? null : a.value();
    }

    /** The tenant the row belongs to: the addressed one if the caller may see it, else the caller's own. */
    private static TenantId affectedTenant(ContainerRequestContext request, ContainerResponseContext response,
                                       AccessDecision decision) {
        if (response.getEntity() instanceof TenantView t && response.getStatus() < 400) {
            return TenantId.of(t.id());
        }
        String fromPath = request.getUriInfo().getPathParameters().getFirst("tenantId");
        if (fromPath != null && decision != null && decision.allowed()) {
            return TenantId.parse(fromPath).orElse(null);
        }
        return decision == null ? null : decision.authentication().tenantHint();
    }

    private static String errorCode(ContainerRequestContext request, int status) {
        Object mapped = request.getProperty(ErrorMappers.ERROR_CODE);
        if (mapped != null) {
            return mapped.toString();
        }
        return status < 400 ? null : "http_" + status;
    }
}
