package io.novix.core.audit.boundary;

import io.novix.core.audit.control.ChainVerifier;
import io.novix.core.audit.entity.Control;
import io.novix.core.policy.boundary.Policies;
import io.novix.core.tenant.boundary.Tenants;
import io.novix.core.tenant.entity.TenantId;
import jakarta.annotation.Resource;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Evidence per control for one tenant and period: what the control requires, the configuration
 * that meets it (read live: compliance profile, write-ahead mode, database privileges, checkpoint
 * interval), the tenant's records of the period by kind, and the trail's verification now.
 */
@OneInstance
public class Evidence {

    @Resource(lookup = "jdbc/novix")
    DataSource dataSource;

    @Inject
    AuditIntegrity integrity;

    @Inject
    Policies policies;

    @Inject
    Tenants tenants;

    @Inject
    @ConfigProperty(name = "NOVIX_AUDIT_AWAIT_OUTCOME", defaultValue = "profile")
    String awaitOutcome;

    @Inject
    @ConfigProperty(name = "NOVIX_AUDIT_CHECKPOINT_INTERVAL", defaultValue = "PT1M")
    String checkpointInterval;

    public record ControlEvidence(String control, String framework, String title, String requirement, String implementation) {
    }

    public record Report(UUID tenantId, Instant from, Instant to, Instant generatedAt, List<ControlEvidence> controls,
                         Map<String, String> configuration, Map<String, Long> records, ChainVerifier.Result verification) {
    }

    public Report of(UUID tenant, List<Control> controls, Instant from, Instant to) {
        tenants.find(tenant);
        List<ControlEvidence> required = controls.stream().map(c -> new ControlEvidence(c.id(), c.framework(), c.title(),
                c.requirement(), c.implementation())).toList();
        try (Connection c = dataSource.getConnection()) {
            return new Report(tenant, from, to, Instant.now(), required, configuration(c, tenant), records(c, tenant, from, to),
                    integrity.verify());
        } catch (SQLException e) {
            throw new AuditUnavailable("the audit trail cannot be read for evidence", e);
        }
    }

    private Map<String, String> configuration(Connection c, UUID tenant) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        var profile = policies.of(TenantId.of(tenant)).complianceProfile();
        out.put("complianceProfile", profile.name());
        out.put("answerWaitsForOutcomeEntry", String.valueOf("always".equalsIgnoreCase(awaitOutcome.strip()) || profile.awaitsAuditOutcome()));
        out.put("answerWaitsForAdmissionEntry", "true");
        out.put("unauditedService", "never (503 audit_unavailable)");
        out.put("checkpointInterval", checkpointInterval);
        try (PreparedStatement q = c.prepareStatement("SELECT current_user, "
                + "EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'novix_app'), "
                + "(SELECT has_table_privilege('novix_app', 'audit_record', 'UPDATE') OR has_table_privilege('novix_app', 'audit_record', 'DELETE') "
                + "OR has_table_privilege('novix_app', 'audit_record', 'TRUNCATE') WHERE EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'novix_app')), "
                + "(SELECT string_agg(tgname, ',' ORDER BY tgname) FROM pg_trigger WHERE tgrelid = 'audit_record'::regclass AND NOT tgisinternal)");
             ResultSet rs = q.executeQuery()) {
            rs.next();
            out.put("databaseLogin", rs.getString(1));
            out.put("applicationRoleExists", String.valueOf(rs.getBoolean(2)));
            Object canRewrite = rs.getObject(3);
            out.put("applicationRoleMayRewriteTrail", canRewrite == null ? "no role" : String.valueOf(canRewrite));
            out.put("auditTriggers", rs.getString(4));
        }
        return out;
    }

    private static Map<String, Long> records(Connection c, UUID tenant, Instant from, Instant to) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (PreparedStatement q = c.prepareStatement("SELECT count(*), "
                + "count(*) FILTER (WHERE phase = 'ADMISSION'), count(*) FILTER (WHERE phase = 'OUTCOME'), "
                + "count(*) FILTER (WHERE outcome = 'OUTCOME_UNKNOWN'), count(*) FILTER (WHERE outcome = 'DENIED'), "
                + "coalesce(sum(occurrences) FILTER (WHERE outcome IN ('DENIED', 'FAILED')), 0), "
                + "count(*) FILTER (WHERE action LIKE 'admin.%'), count(*) FILTER (WHERE action = 'sso.login'), "
                + "count(*) FILTER (WHERE quarantined), count(*) FILTER (WHERE redactions IS NOT NULL), "
                + "count(*) FILTER (WHERE chain_id IS NULL) "
                + "FROM audit_record WHERE tenant_id = ? AND occurred_at >= ? AND occurred_at < ?")) {
            q.setObject(1, tenant);
            q.setTimestamp(2, Timestamp.from(from));
            q.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                String[] names = {"entries", "admissions", "outcomes", "outcomesUnknown", "denials", "refusedOrFailedEvents",
                        "adminActions", "signIns", "quarantined", "callsWithRedactions", "unchained"};
                for (int i = 0; i < names.length; i++) {
                    out.put(names[i], rs.getLong(i + 1));
                }
            }
        }
        try (PreparedStatement q = c.prepareStatement("SELECT count(*) FROM audit_record a WHERE a.tenant_id = ? AND a.phase = 'ADMISSION' "
                + "AND a.occurred_at >= ? AND a.occurred_at < ? AND NOT EXISTS (SELECT 1 FROM audit_record o "
                + "WHERE o.request_id = a.request_id AND o.phase = 'OUTCOME')")) {
            q.setObject(1, tenant);
            q.setTimestamp(2, Timestamp.from(from));
            q.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                out.put("admissionsWithoutOutcome", rs.getLong(1));
            }
        }
        return out;
    }
}
