package io.novix.core.audit.boundary;

import io.novix.core.audit.control.AuditWriter;
import io.novix.core.audit.control.ChainVerifier;
import io.novix.core.audit.control.CheckpointSigner;
import io.novix.core.keys.boundary.AuditSigningKeys;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import io.novix.core.kernel.Periodic;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The audit trail's tamper evidence: this instance's chain head is signed every
 * {@code NOVIX_AUDIT_CHECKPOINT_INTERVAL} (1 min) and at shutdown; {@link #verify} checks every
 * chain and checkpoint; {@link #publicKeys} are what an offline verifier needs.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AuditIntegrity {

    private static final Logger LOG = Logger.getLogger(AuditIntegrity.class.getName());

    @Resource(lookup = "jdbc/novix")
    DataSource dataSource;

    @Inject
    AuditWriter writer;

    @Inject
    CheckpointSigner signer;

    @Inject
    AuditSigningKeys keys;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "NOVIX_AUDIT_CHECKPOINT_INTERVAL", defaultValue = "PT1M")
    Duration interval;

    private Periodic ticking;

    @PostConstruct
    void start() {
        ticking = Periodic.every(scheduler, interval, this::checkpoint, LOG, "audit checkpoint");
    }

    @PreDestroy
    void stop() {
        if (ticking != null) {
            ticking.close();
        }
    }

    /** Signs this instance's chain head now, if it moved; whether a checkpoint was written. */
    public boolean checkpoint() {
        try {
            return writer.head().map(signer::checkpoint).orElse(false);
        } catch (RuntimeException e) {
            LOG.warning("audit checkpoint: " + e.getMessage()); // the next round signs the head it finds then
            return false;
        }
    }

    /** Outside any global transaction, so that the verifier reads the whole trail in one snapshot of its own. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ChainVerifier.Result verify() {
        try (Connection c = dataSource.getConnection()) {
            return ChainVerifier.verify(c, keys.published());
        } catch (SQLException e) {
            throw new AuditUnavailable("the audit trail cannot be read for verification", e);
        }
    }

    /** Every checkpoint key ever used: id → X.509 SubjectPublicKeyInfo, base64. */
    public Map<String, String> publicKeys() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, PublicKey> k : keys.published().entrySet()) {
            out.put(k.getKey(), Base64.getEncoder().encodeToString(k.getValue().getEncoded()));
        }
        return out;
    }
}
