package io.novix.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL server (zonky's embedded binaries) whose data directory survives restarts:
 * the directory is initialised once and reused by every later start.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "embedded";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedDatabase start(Path dataDirectory, int port) throws IOException {
        Files.createDirectories(dataDirectory);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                // zonky defaults to fsync=off and synchronous_commit=off; the audit trail needs durability
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "200")
                .start();
        return new EmbeddedDatabase(pg);
    }

    /**
     * The application's login ({@code novix_service}, a member of {@code novix_app}): it reads and writes
     * its tables but may only append to the audit trail and owns nothing (V025). The migrations run as
     * {@link #USER}, the owner. {@code password} is base64url (no quoting needed).
     */
    public void ensureAppLogin(String login, String password) throws IOException {
        if (!login.matches("[a-z_][a-z0-9_]{0,62}") || !password.matches("[A-Za-z0-9_-]{16,128}")) {
            throw new IllegalArgumentException("an application login is a plain name and a base64url password");
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
             java.sql.Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN "
                    + "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'novix_app') THEN CREATE ROLE novix_app NOLOGIN; END IF; "
                    + "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + login + "') THEN CREATE ROLE " + login + " LOGIN; END IF; "
                    + "END $$");
            s.execute("ALTER ROLE " + login + " LOGIN PASSWORD '" + password + "'");
            s.execute("GRANT novix_app TO " + login);
        } catch (java.sql.SQLException e) {
            throw new IOException("the application's database login could not be set up: " + e.getMessage(), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres";
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
