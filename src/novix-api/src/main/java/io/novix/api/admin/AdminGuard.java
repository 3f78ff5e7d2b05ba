package io.novix.api.admin;

import io.novix.api.platform.ErrorMappers;
import io.novix.api.platform.Replies;
import io.novix.api.platform.RequestIdFilter;
import io.novix.core.audit.boundary.AuditTrail;
import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.audit.entity.Outcome;
import io.novix.core.platform.boundary.AdminAuthenticator;
import io.novix.core.platform.entity.Reply;
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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Admin API door: only the platform administrator passes, and every admin request, refused or
 * not, is audited and committed before the response leaves.
 */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
public class AdminGuard implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(AdminGuard.class.getName());
    private static final String STARTED = "novix.admin.started";
    private static final String PRINCIPAL = "novix.admin.principal";

    @Inject
    AdminAuthenticator admins;

    @Inject
    AuditTrail audit;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
        if (admins.isAdmin(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            request.setProperty(PRINCIPAL, AdminAuthenticator.PRINCIPAL);
            return;
        }
        String requestId = RequestIdFilter.of(request);
        request.setProperty(ErrorMappers.ERROR_CODE, "admin_credential_required");
        request.abortWith(Replies.toResponse(Reply.error(401, "admin_credential_required",
                "the platform administrator's token is required", null, requestId,
                Map.of("WWW-Authenticate", "Bearer realm=\"novix-admin\"")), requestId));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String requestId = RequestIdFilter.of(request);
        int status = response.getStatus();
        Object started = request.getProperty(STARTED);
        int latency = started == null ? 0 : (int) ((System.nanoTime() - (Long) started) / 1_000_000);
        Object principal = request.getProperty(PRINCIPAL);
        AuditEntry entry = new AuditEntry(Instant.now(), requestId, affectedTenant(request, response),
                principal == null ? "anonymous" : principal.toString(), action(), request.getMethod() + " "
                + request.getUriInfo().getPath(), Outcome.of(status), status, errorCode(request, status), latency, 0, 0, 0, null);
        try {
            audit.record(entry).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "admin request {0}: audit failed", requestId);
            Reply reply = Reply.error(503, "audit_unavailable", "the audit trail could not record this request", null, requestId);
            Response r = Replies.toResponse(reply, requestId);
            response.setStatus(r.getStatus());
            response.setEntity(r.getEntity());
        }
    }

    private String action() {
        if (resource == null || resource.getResourceMethod() == null) {
            return "admin.unknown";
        }
        AdminAction a = resource.getResourceMethod().getAnnotation(AdminAction.class);
        return a != null ? a.value() : "admin." + resource.getResourceMethod().getName();
    }

    private static UUID affectedTenant(ContainerRequestContext request, ContainerResponseContext response) {
        String fromPath = request.getUriInfo().getPathParameters().getFirst("tenantId");
        if (fromPath != null) {
            try {
                return UUID.fromString(fromPath);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return response.getEntity() instanceof TenantView t ? t.id() : null;
    }

    private static String errorCode(ContainerRequestContext request, int status) {
        Object mapped = request.getProperty(ErrorMappers.ERROR_CODE);
        if (mapped != null) {
            return mapped.toString();
        }
        return status < 400 ? null : "http_" + status;
    }
}
