package io.novix.core.platform.boundary;

import jakarta.annotation.Resource;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;
import io.novix.core.tenant.boundary.Tenants;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Ready only when PostgreSQL answers: without it, no request could be audited. */
@Readiness
@OneInstance
public class DatabaseReadiness implements HealthCheck {

    @Resource(lookup = "jdbc/novix")
    DataSource dataSource;

    @Inject
    Tenants tenants;

    @Override
    public HealthCheckResponse call() {
        try (Connection c = dataSource.getConnection()) {
            // the connection, and the persistence unit (migrated schema, validated mappings)
            boolean valid = c.isValid(2) && tenants.schemaReachable();
            return HealthCheckResponse.named("database").status(valid).build();
        } catch (SQLException | RuntimeException e) {
            return HealthCheckResponse.named("database").down().build(); // public: says nothing of why
        }
    }
}
