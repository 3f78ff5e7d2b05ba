package io.novix.core.audit.entity;

import io.novix.audit.proof.RowFormat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * An audit row as it is stored, in the canonical form its chain hash covers: every column but the
 * row id and the hash itself, in a fixed order, each tagged (null or not) and length-prefixed, so
 * no two different rows encode alike. {@code hash(previous)} is SHA-256 of a version tag, the
 * previous entry's hash (32 zero bytes for a chain's first) and the SHA-256 of this encoding. The writer builds it
 * from the entry it inserts; the verifier from the row it reads.
 */
public record ChainedRow(UUID chainId, long seq, Instant occurredAt, String requestId, UUID tenantId, String principal,
                         String action, String target, String outcome, int httpStatus, String errorCode, int latencyMs,
                         long tokensIn, long tokensOut, int upstreamAttempts, String task, String endpoint, String region,
                         boolean fallbackUsed, String breakerState, String streamOutcome, Integer ttfbMs, String actorRole,
                         boolean statesInClear, int occurrences, String clientAddress, String redactions, byte[] changeSealed,
                         Integer dataKeyVersion, BigDecimal costUsd, String policyVerdict, boolean quarantined,
                         String quarantineReason, String phase, UUID credentialId, String dataClassification,
                         BigDecimal reservedUsd, String clientRequestId) {

    public static final byte[] GENESIS = RowFormat.GENESIS;

    /** The entry as its row will be stored, for its chain hash (the same normalisations as the columns). */
    public static ChainedRow of(AuditEntry e, UUID chain, long seq) {
        InferenceDetail d = e.detail();
        AdminChange change = e.change();
        return new ChainedRow(chain, seq, stored(e.occurredAt()), e.requestId(), e.tenantId(), e.principal(), e.action(),
                e.target(), e.outcome().name(), e.httpStatus(), e.errorCode(), e.latencyMs(), Math.min(Integer.MAX_VALUE, e.tokensIn()),
                Math.min(Integer.MAX_VALUE, e.tokensOut()), e.upstreamAttempts(), d == null ? null : d.task(),
                d == null ? null : d.endpoint(), d == null ? null : d.region(), d != null && d.fallbackUsed(),
                d == null ? null : d.breakerState(), d == null ? null : d.streamOutcome(), d == null ? null : d.ttfbMs(),
                change == null ? null : change.actorRole(), change != null && (change.before() != null || change.after() != null),
                e.occurrences(), e.clientAddress(),
                d == null || d.redactions() == null || d.redactions().isEmpty() ? null : d.redactions(),
                change == null || change.sealed() == null ? null : change.sealed().bytes(),
                change == null || change.sealed() == null ? null : change.sealed().keyVersion(),
                stored(d == null ? null : d.costUsd()), d == null ? null : d.policyVerdict(), false, null,
                d == null || d.phase() == null ? null : d.phase().name(), d == null ? null : d.credentialId(),
                d == null ? null : d.dataClassification(), stored(d == null ? null : d.reservedUsd()),
                d == null ? null : d.clientRequestId());
    }

    /** The quarantined form's row: who, what, when and the outcome, and why it was reduced. */
    public static ChainedRow quarantined(AuditEntry e, String reason, UUID chain, long seq) {
        return new ChainedRow(chain, seq, stored(e.occurredAt()), e.requestId(), e.tenantId(), e.principal(), e.action(),
                null, e.outcome().name(), e.httpStatus(), e.errorCode(), e.latencyMs(), Math.min(Integer.MAX_VALUE, e.tokensIn()),
                Math.min(Integer.MAX_VALUE, e.tokensOut()), e.upstreamAttempts(), null, null, null, false, null, null, null, null,
                false, e.occurrences(), null, null, null, null, null, null, true, reason,
                e.detail() == null || e.detail().phase() == null ? null : e.detail().phase().name(), null, null, null, null);
    }

    /** As PostgreSQL keeps them: instants to the microsecond, money to 8 decimals (NUMERIC(14,8)). */
    public static Instant stored(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    public static BigDecimal stored(BigDecimal usd) {
        return usd == null ? null : usd.setScale(8, RoundingMode.HALF_UP);
    }

    /** The same content at another place in the chain (to recognise a moved entry). */
    public ChainedRow withSeq(long other) {
        return new ChainedRow(chainId, other, occurredAt, requestId, tenantId, principal, action, target, outcome, httpStatus,
                errorCode, latencyMs, tokensIn, tokensOut, upstreamAttempts, task, endpoint, region, fallbackUsed, breakerState,
                streamOutcome, ttfbMs, actorRole, statesInClear, occurrences, clientAddress, redactions, changeSealed,
                dataKeyVersion, costUsd, policyVerdict, quarantined, quarantineReason, phase, credentialId, dataClassification,
                reservedUsd, clientRequestId);
    }

    public byte[] hash(byte[] previous) {
        return RowFormat.link(previous, contentDigest());
    }

    /** SHA-256 of the canonical encoding (RowFormat): what an export shows for rows it does not disclose. */
    public byte[] contentDigest() {
        return RowFormat.contentDigest(values());
    }

    /** The values in RowFormat.FIELDS order, as the encoding and the export take them. */
    public Object[] values() {
        return new Object[]{chainId.toString(), seq, ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt), requestId,
                tenantId == null ? null : tenantId.toString(), principal, action, target, outcome, httpStatus, errorCode, latencyMs,
                tokensIn, tokensOut, upstreamAttempts, task, endpoint, region, fallbackUsed, breakerState, streamOutcome,
                ttfbMs == null ? null : ttfbMs.toString(), actorRole, statesInClear, occurrences, clientAddress, redactions,
                changeSealed, dataKeyVersion == null ? null : dataKeyVersion.toString(),
                money(costUsd), policyVerdict, quarantined, quarantineReason, phase,
                credentialId == null ? null : credentialId.toString(), dataClassification, money(reservedUsd), clientRequestId};
    }

    private static String money(BigDecimal usd) {
        return usd == null ? null : usd.stripTrailingZeros().toPlainString();
    }
}
