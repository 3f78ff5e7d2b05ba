package io.novix.core.platform.control;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

import javax.sql.DataSource;
import java.util.logging.Logger;

/**
 * Runs Flyway on the persistence unit's own data source while Hibernate builds its session
 * factory: integrators run before Hibernate's schema validation, so the schema is always
 * migrated first, however the server is started. Hibernate itself never generates DDL.
 * ({@code flyway.location} files are empty markers Flyway needs to scan Liberty's wsjar URLs.)
 */
public class SchemaMigrator implements Integrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
        DataSource dataSource = sessionFactory.getServiceRegistry().getService(ConnectionProvider.class).unwrap(DataSource.class);
        var owner = setting("NOVIX_DB_OWNER_USER");
        var user = setting("NOVIX_DB_USER");
        if (owner.isPresent() && !owner.equals(user)) {
            dataSource = new OwnerDataSource(dataSource, owner.get(), setting("NOVIX_DB_OWNER_PASSWORD").orElse(""));
        } else {
            LOG.warning("the application and the migrations share one database login (NOVIX_DB_OWNER_USER unset): it owns the "
                    + "tables, so only triggers keep the audit trail append-only (docs/audit.md#database-roles)");
        }
        MigrateResult result = migrate(dataSource, SchemaMigrator.class.getClassLoader());
        grantApp(dataSource);
        LOG.info(() -> "Flyway: schema at version " + result.targetSchemaVersion + ", "
                + result.migrationsExecuted + " migration(s) applied now");
    }

    public static MigrateResult migrate(DataSource dataSource, ClassLoader loader) {
        return Flyway.configure(loader)
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .validateMigrationNaming(true)
                .load()
                .migrate();
    }

    /** From MicroProfile Config in the server; from the environment where there is none (the persistence tests). */
    private static java.util.Optional<String> setting(String name) {
        try {
            return org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue(name, String.class);
        } catch (IllegalStateException noConfig) {
            return java.util.Optional.ofNullable(System.getenv(name));
        }
    }

    /** The application role's grants, again after every migration: tables a later migration added get theirs (V025). */
    private static void grantApp(DataSource owner) {
        try (java.sql.Connection c = owner.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("SELECT novix_grant_app()");
        } catch (java.sql.SQLException e) {
            LOG.warning("grants of role novix_app not applied: " + e.getMessage());
        }
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
        // nothing to release
    }
}
