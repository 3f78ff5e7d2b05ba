package it.novix.wiring;

import io.novix.launcher.EmbeddedDatabase;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Prepares what the Arquillian-managed Liberty needs before Arquillian starts it: a real
 * PostgreSQL, and the server "novix-arq" under $WLP_USER_DIR, built from the product's own
 * liberty/server.xml plus the two things Arquillian deploys through (local JMX connector, MBean
 * application monitor). Register it before ArquillianExtension.
 */
public class ArquillianServer implements BeforeAllCallback {

    private static EmbeddedDatabase database;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (ArquillianServer.class) {
            if (database != null) {
                return;
            }
            Path userDir = Path.of(System.getenv("WLP_USER_DIR"));
            Path home = userDir.resolveSibling("arquillian-home");
            database = EmbeddedDatabase.start(home.resolve("pgdata-" + UUID.randomUUID()), io.novix.launcher.FreePorts.pick());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    database.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
            writeServer(userDir.resolve("servers/novix-arq"));
            Path jdbc = userDir.resolve("shared/resources/jdbc");
            Files.createDirectories(jdbc);
            Files.copy(Path.of(System.getProperty("novix.wlp.dir"), "usr/shared/resources/jdbc/postgresql.jar"),
                    jdbc.resolve("postgresql.jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void writeServer(Path server) throws IOException {
        Path config = Path.of(System.getProperty("novix.liberty.config"));
        Files.createDirectories(server.resolve("includes"));
        try (Stream<Path> includes = Files.list(config.resolve("includes"))) {
            for (Path include : includes.toList()) {
                Files.copy(include, server.resolve("includes").resolve(include.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        String xml = Files.readString(config.resolve("server.xml"))
                .replaceAll("(?s)<enterpriseApplication[^>]*/>", "<applicationMonitor updateTrigger=\"mbean\"/>")
                .replace("<featureManager>", "<featureManager>\n        <feature>localConnector-1.0</feature>");
        Files.writeString(server.resolve("server.xml"), xml);
        Files.writeString(server.resolve("server.env"), String.join("\n",
                "NOVIX_DB_URL=" + database.jdbcUrl(),
                "NOVIX_DB_USER=" + EmbeddedDatabase.USER,
                "NOVIX_DB_PASSWORD=" + EmbeddedDatabase.PASSWORD,
                "NOVIX_HTTP_PORT=" + System.getProperty("arquillian.http.port"),
                "NOVIX_HTTP_HOST=127.0.0.1",
                "NOVIX_ALLOW_PLAIN_HTTP=true", // loopback only, like the embedded run
                "NOVIX_ADMIN_TOKEN=" + UUID.randomUUID() + UUID.randomUUID(),
                "NOVIX_JWT_KEK=" + UUID.randomUUID() + UUID.randomUUID(), // data keys need a KEK to start
                "HF_ENTERPRISE_ENDPOINT=http://127.0.0.1:9",
                ""));
    }
}
