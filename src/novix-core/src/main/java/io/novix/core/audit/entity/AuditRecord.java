package io.novix.core.audit.entity;

import io.novix.core.keys.entity.Sealed;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;
import java.util.UUID;

/** A row of the append-only audit trail (written in batches by the AuditWriter, read here). */
@Entity
@Immutable
@Table(name = "audit_record")
@NamedQuery(name = AuditRecord.OF_TENANT, query = "SELECT a FROM AuditRecord a WHERE a.tenantId = :tenant ORDER BY a.id DESC")
@NamedQuery(name = AuditRecord.BY_REQUEST, query = "SELECT a FROM AuditRecord a WHERE a.requestId = :requestId ORDER BY a.id")
public class AuditRecord {

    public static final String BY_REQUEST = "AuditRecord.byRequest";
    public static final String OF_TENANT = "AuditRecord.ofTenant";

    @Id
    private Long id;
    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;
    @Column(name = "request_id", nullable = false, length = 64)
    private String requestId;
    @Column(name = "tenant_id")
    private UUID tenantId;
    @Column(nullable = false, length = 200)
    private String principal;
    @Column(nullable = false, length = 64)
    private String action;
    @Column(length = 300)
    private String target;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Outcome outcome;
    @Column(name = "http_status", nullable = false)
    private short httpStatus;
    @Column(name = "error_code", length = 64)
    private String errorCode;
    @Column(name = "latency_ms", nullable = false)
    private int latencyMs;
    @Column(name = "tokens_in", nullable = false)
    private int tokensIn;
    @Column(name = "tokens_out", nullable = false)
    private int tokensOut;
    @Column(name = "upstream_attempts", nullable = false)
    private short upstreamAttempts;
    @Column(length = 48)
    private String task;
    @Column(length = 300)
    private String endpoint;
    @Column(length = 32)
    private String region;
    @Column(name = "fallback_used", nullable = false)
    private boolean fallbackUsed;
    @Column(name = "breaker_state", length = 16)
    private String breakerState;
    @Column(name = "stream_outcome", length = 24)
    private String streamOutcome;
    @Column(name = "ttfb_ms")
    private Integer ttfbMs;
    @Column(name = "actor_role", length = 200)
    private String actorRole;
    @Column(name = "change_sealed")
    private byte[] changeSealed;
    @Column(name = "data_key_version")
    private Integer dataKeyVersion;
    @Column(length = 16)
    private String phase;
    @Column(name = "data_classification", length = 64)
    private String dataClassification;
    @Column(name = "client_request_id", length = 64)
    private String clientRequestId;

    protected AuditRecord() {
    }

    public Long id() { return id; }
    public String actorRole() { return actorRole; }
    /** The before/after states, sealed under the tenant's data key; empty for rows without a change. */
    public java.util.Optional<Sealed> changeSealed() {
        return changeSealed == null || dataKeyVersion == null ? java.util.Optional.empty()
                : java.util.Optional.of(new Sealed(dataKeyVersion, changeSealed));
    }
    public Instant occurredAt() { return occurredAt; }
    public String requestId() { return requestId; }
    public UUID tenantId() { return tenantId; }
    public String principal() { return principal; }
    public String action() { return action; }
    public String target() { return target; }
    public Outcome outcome() { return outcome; }
    public int httpStatus() { return httpStatus; }
    public String errorCode() { return errorCode; }
    public int latencyMs() { return latencyMs; }
    public int tokensIn() { return tokensIn; }
    public int tokensOut() { return tokensOut; }
    public int upstreamAttempts() { return upstreamAttempts; }
    public String task() { return task; }
    public String endpoint() { return endpoint; }
    public String region() { return region; }
    public boolean fallbackUsed() { return fallbackUsed; }
    public String breakerState() { return breakerState; }
    public String streamOutcome() { return streamOutcome; }
    public Integer ttfbMs() { return ttfbMs; }
    /** ADMISSION or OUTCOME for a call written ahead; null for entries that stand alone. */
    public String phase() { return phase; }
    public String dataClassification() { return dataClassification; }
    public String clientRequestId() { return clientRequestId; }
}
