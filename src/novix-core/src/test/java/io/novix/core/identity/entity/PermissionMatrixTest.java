package io.novix.core.identity.entity;

import io.novix.core.tenant.entity.TenantId;
import io.novix.core.identity.entity.Principal;
import io.novix.core.tenant.entity.Tier;
import io.novix.core.identity.entity.Caller;
import io.novix.core.identity.entity.Scope;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PermissionMatrixTest {

    private static final List<Role> COLUMNS = List.of(Role.PLATFORM_ADMIN, Role.TENANT_ADMIN, Role.DEVELOPER, Role.AUDITOR, Role.SERVICE);

    /** docs/permissions.md is what operators and auditors read: every cell must match the code. */
    @Test
    void theDocumentedMatrixIsTheEnforcedOne() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("../../docs/permissions.md"));
        Map<String, String[]> rows = new HashMap<>();
        for (String line : lines) {
            if (line.startsWith("| `")) {
                String[] cells = line.split("\\|");
                String operation = cells[1].strip().replace("`", "");
                if (cells.length == 8) { // the matrix; the role table above has three columns
                    rows.put(operation, cells);
                }
            }
        }
        for (Operation op : Operation.values()) {
            String[] cells = rows.get(op.action());
            assertTrue(cells != null, "docs/permissions.md has no row for " + op.action());
            for (int i = 0; i < COLUMNS.size(); i++) {
                boolean documented = cells[i + 3].contains("✓");
                assertEquals(PermissionMatrix.allows(COLUMNS.get(i), op), documented,
                        op.action() + " for " + COLUMNS.get(i).value() + " differs between code and docs");
            }
        }
        assertEquals(Operation.values().length, rows.size(), "the docs list an operation the code does not have");
    }

    @Test
    void separationOfDuties() {
        for (Operation op : Operation.values()) {
            if (op.name().startsWith("INFERENCE")) {
                assertFalse(PermissionMatrix.allows(Role.PLATFORM_ADMIN, op));
                assertFalse(PermissionMatrix.allows(Role.TENANT_ADMIN, op));
                assertFalse(PermissionMatrix.allows(Role.AUDITOR, op), "the auditor never runs inference");
                assertTrue(PermissionMatrix.allows(Role.DEVELOPER, op));
                assertTrue(PermissionMatrix.allows(Role.SERVICE, op));
            }
        }
        assertEquals(EnumSet.of(Operation.TENANT_READ, Operation.AUDIT_READ, Operation.USAGE_READ, Operation.AUDIT_VERIFY,
                Operation.AUDIT_EXPORT), PermissionMatrix.of(Role.AUDITOR));
        assertFalse(PermissionMatrix.allows(Role.TENANT_ADMIN, Operation.TENANT_CREATE));
        assertFalse(PermissionMatrix.allows(Role.TENANT_ADMIN, Operation.ENDPOINT_REGISTER));
        assertFalse(PermissionMatrix.allows(Role.TENANT_ADMIN, Operation.SIGNING_KEY_ROTATE));
    }

    @Test
    void scopesNarrowTheRole() {
        UUID tenant = UUID.randomUUID();
        Caller narrow = new Caller(new Principal("token:x"), TenantId.of(tenant), "acme", Tier.STANDARD, null, Role.TENANT_ADMIN, Set.of(Scope.AUDIT_READ));
        assertTrue(narrow.may(Operation.AUDIT_READ));
        assertFalse(narrow.may(Operation.TOKEN_ISSUE), "a tenant-admin token without admin:tokens cannot issue tokens");
        assertTrue(narrow.may(Operation.TENANT_READ), "operations without a scope follow the role alone");
        Caller dev = new Caller(new Principal("token:y"), TenantId.of(tenant), "acme", Tier.STANDARD, null, Role.DEVELOPER, Set.of(Scope.INFERENCE_CHAT, Scope.AUDIT_READ));
        assertFalse(dev.may(Operation.AUDIT_READ), "a scope the role has no use for grants nothing");
        assertFalse(dev.may(Scope.AUDIT_READ));
        assertTrue(dev.may(Scope.INFERENCE_CHAT));
        assertFalse(dev.may(Operation.INFERENCE_IMAGES));
    }

    @Test
    void platformAdminIsNeverATenantRole() {
        assertFalse(Role.PLATFORM_ADMIN.tenantAssignable());
        assertTrue(Role.parse("platform-admin").isPresent());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Role.assignable("platform-admin"));
        assertEquals(Role.AUDITOR, Role.assignable("auditor"));
    }
}
