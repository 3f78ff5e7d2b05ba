package io.novix.core.sso.control;

import io.novix.core.sso.entity.TenantIdp;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Materialises tenants' service providers as Liberty configuration: the IdP metadata file and a
 * {@code configDropins/overrides} file, which Liberty's config monitor applies without a restart.
 * PostgreSQL stays the source of truth; every instance writes the same files from it.
 */
@OneInstance
public class ServiceProviderFiles {

    private static final Logger LOG = Logger.getLogger(ServiceProviderFiles.class.getName());

    @Inject
    Config config;

    private final Map<String, Long> written = new ConcurrentHashMap<>();
    private final Map<String, Long> refused = new ConcurrentHashMap<>();
    private volatile long lastChangeNanos;
    private volatile boolean synced;

    /**
     * Liberty applies a changed SP file within about 2 s (500 ms polling, then its security
     * configuration refresh), and requests in flight during that refresh can be cut. Readiness waits
     * for the first sync and for the last change to have settled.
     */
    public boolean settled() {
        return synced && (lastChangeNanos == 0 || System.nanoTime() - lastChangeNanos > 3_000_000_000L);
    }

    /** Called after every full sync from the database. */
    public void syncDone() {
        synced = true;
    }

    public Optional<Path> serverDir() {
        return config.getOptionalValue("novix.server.config.dir", String.class).map(Path::of);
    }

    public String publicUrl() {
        return io.novix.core.kernel.PublicUrl.of(config);
    }

    public ServiceProviderConfig describe(String slug, TenantIdp idp) {
        Path dir = serverDir().orElse(Path.of("."));
        return new ServiceProviderConfig(slug, idp, publicUrl(), dir.resolve("sso").resolve(slug + "-idp.xml").toString());
    }

    /** Writes the tenant's files if this instance has not written this version yet. */
    public ServiceProviderConfig write(String slug, TenantIdp idp) {
        ServiceProviderConfig sp = describe(slug, idp);
        Optional<Path> dir = serverDir();
        if (dir.isEmpty()) {
            LOG.warning("novix.server.config.dir is not set: SAML service providers cannot be configured");
            return sp;
        }
        String key = slug + "@" + idp.tenantId();
        Long done = written.get(key);
        if (done != null && done == idp.version() + idp.updatedAt().toEpochMilli()) {
            return sp;
        }
        String config = sp.render();
        String metadata = sp.metadata();
        refused.remove(slug);
        try {
            atomically(Path.of(sp.metadataFile()), metadata);
            atomically(configFile(dir.get(), slug), config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the SAML configuration of " + slug, e);
        }
        written.put(key, idp.version() + idp.updatedAt().toEpochMilli());
        return sp;
    }

    /**
     * Takes a tenant's service provider out of Liberty, e.g. when its stored values no longer pass
     * the grammar: a file written from them before must not stay in force. True the first time
     * this version of the row is refused (so the refusal is logged once, not every sync).
     */
    public boolean refuse(String slug, TenantIdp idp) {
        long stamp = idp.version() + idp.updatedAt().toEpochMilli();
        Long before = refused.put(slug, stamp);
        boolean first = before == null || before != stamp;
        Optional<Path> dir = serverDir();
        if (dir.isEmpty()) {
            return first;
        }
        try {
            if (Files.deleteIfExists(configFile(dir.get(), slug))) {
                lastChangeNanos = System.nanoTime();
            }
            Files.deleteIfExists(dir.get().resolve("sso").resolve(slug + "-idp.xml"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the SAML configuration of " + slug, e);
        }
        written.keySet().removeIf(k -> k.startsWith(slug + "@"));
        return first;
    }

    private static Path configFile(Path serverDir, String slug) {
        return serverDir.resolve("configDropins/overrides/novix-sso-" + slug + ".xml");
    }

    /**
     * Liberty must never read a half-written file: write beside it, then rename over it. An unchanged
     * file is left alone: every rewrite makes Liberty refresh its security configuration, and
     * requests in flight during a refresh can be cut (seen when a restarted instance rewrote them all).
     */
    private void atomically(Path target, String content) throws IOException {
        if (Files.exists(target) && Files.readString(target, StandardCharsets.UTF_8).equals(content)) {
            return;
        }
        lastChangeNanos = System.nanoTime();
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
