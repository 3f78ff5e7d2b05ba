package it.novix.wiring;

import io.novix.core.audit.boundary.AuditTrail;
import io.novix.core.audit.control.AuditWriter;
import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.kernel.Conflict;
import io.novix.core.tenant.boundary.NewTenant;
import io.novix.core.tenant.boundary.Tenants;
import io.novix.core.tenant.entity.Tenant;
import io.novix.core.token.boundary.IssuedToken;
import io.novix.core.token.boundary.NewToken;
import io.novix.core.token.boundary.TokenAuthenticator;
import io.novix.core.token.boundary.TokenIssuer;
import io.novix.core.identity.entity.Authentication;
import io.novix.core.identity.entity.TokenVerdict;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.ClassLoaderAsset;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Container wiring in a managed Liberty: the real novix-core module and its libraries deployed
 * into a test WAR; EJB transactions and application exceptions, CDI, the Hibernate persistence
 * unit migrated by Flyway, and the audit writer's group commit on a managed thread.
 */
@ExtendWith({ArquillianServer.class, ArquillianExtension.class})
class CoreWiringArquillianIT {

    @Deployment
    static WebArchive deployment() {
        Path ear = Path.of(System.getProperty("novix.ear.dir"));
        File[] libs = Objects.requireNonNull(ear.resolve("lib").toFile().listFiles((d, n) -> n.endsWith(".jar")));
        return ShrinkWrap.create(WebArchive.class, "novix-wiring.war")
                .addAsLibrary(ear.resolve("novix-core.jar").toFile())
                .addAsLibraries(libs)
                .addAsWebInfResource(new ClassLoaderAsset("META-INF/ejb-jar.xml"), "ejb-jar.xml")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Inject
    Tenants tenants;

    @Inject
    TokenIssuer issuer;

    @Inject
    TokenAuthenticator authenticator;

    @Inject
    AuditTrail audit;

    @Inject
    AuditWriter writer;

    @Resource(lookup = "jdbc/novix")
    DataSource dataSource;

    private Tenant tenant() {
        return tenants.create(new NewTenant("w-" + UUID.randomUUID().toString().substring(0, 8), "Wiring", "ENTERPRISE", "eu-west-1"));
    }

    @Test
    void applicationExceptionsCrossTheEjbBoundaryUnwrappedAndRollBack() {
        Tenant t = tenant();
        Conflict conflict = assertThrows(Conflict.class,
                () -> tenants.create(new NewTenant(t.slug(), "Again", "STANDARD", "eu")));
        assertEquals("tenant_exists", conflict.code());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> issuer.issue(io.novix.core.identity.entity.Caller.platformAdmin("wiring-test"), t.id(), new NewToken("x", io.novix.core.identity.entity.Role.DEVELOPER, List.of("inference:chat"), Instant.now().minusSeconds(5))));
        assertTrue(bad.getMessage().contains("expiresAt"));
        assertEquals(0, issuer.list(t.id()).size(), "the failed issue left nothing behind");
    }

    @Test
    void issuedTokenAuthenticatesAndRevocationIsSeenAtOnce() {
        Tenant t = tenant();
        IssuedToken issued = issuer.issue(io.novix.core.identity.entity.Caller.platformAdmin("wiring-test"), t.id(), new NewToken("wiring", io.novix.core.identity.entity.Role.DEVELOPER, List.of("inference:chat"),
                Instant.now().plus(1, ChronoUnit.DAYS)));
        Authentication ok = authenticator.authenticate("Bearer " + issued.secret(), Instant.now());
        assertTrue(ok.granted());
        assertEquals(t.id(), ok.caller().orElseThrow().tenantId());

        issuer.revoke(t.id(), issued.token().id());
        assertEquals(TokenVerdict.REVOKED, authenticator.authenticate("Bearer " + issued.secret(), Instant.now()).verdict());
    }

    @Test
    void concurrentAuditEntriesShareCommits() throws Exception {
        String requestId = "group-" + UUID.randomUUID();
        long commitsBefore = writer.commits();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            pending.add(audit.record(AuditEntry.denied(Instant.now(), requestId, null, io.novix.core.identity.entity.Principal.anonymous(), "inference.chat", null,
                    401, "missing_token", 1)).toCompletableFuture());
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        long commits = writer.commits() - commitsBefore;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM audit_record WHERE request_id = ?")) {
            ps.setString(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(400, rs.getInt(1), "every entry committed before its future completed");
            }
        }
        assertTrue(commits >= 1 && commits < 100, "400 entries took " + commits + " commits");
    }
}
