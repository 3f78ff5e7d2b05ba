package io.novix.core.audit.entity;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * What an auditor needs to know about how an inference call was admitted and served. Any field may
 * be null when it does not apply (e.g. {@code streamOutcome} for a non-streaming call; {@code phase}
 * for a call refused before admission, which has a single entry).
 */
public record InferenceDetail(String task, String endpoint, String region, boolean fallbackUsed,
                              String breakerState, String streamOutcome, Integer ttfbMs, String redactions,
                              BigDecimal costUsd, String policyVerdict, Phase phase, UUID credentialId,
                              String dataClassification, BigDecimal reservedUsd, String clientRequestId) {

    public InferenceDetail {
        task = AuditText.fit(task, 48);
        endpoint = AuditText.fit(endpoint, 2048);
        region = AuditText.fit(region, 32);
        breakerState = AuditText.fit(breakerState, 16);
        streamOutcome = AuditText.fit(streamOutcome, 24);
        redactions = AuditText.fit(redactions, 300);
        policyVerdict = AuditText.fit(policyVerdict, 160);
        dataClassification = AuditText.fit(dataClassification, 64);
        clientRequestId = AuditText.fit(clientRequestId, 64);
    }

    public InferenceDetail(String task, String endpoint, String region, boolean fallbackUsed, String breakerState,
                           String streamOutcome, Integer ttfbMs, String redactions, BigDecimal costUsd, String policyVerdict) {
        this(task, endpoint, region, fallbackUsed, breakerState, streamOutcome, ttfbMs, redactions, costUsd, policyVerdict,
                null, null, null, null, null);
    }

    public InferenceDetail(String task, String endpoint, String region, boolean fallbackUsed, String breakerState,
                           String streamOutcome, Integer ttfbMs, String redactions) {
        this(task, endpoint, region, fallbackUsed, breakerState, streamOutcome, ttfbMs, redactions, null, null);
    }

    public static InferenceDetail of(String task, String endpoint) {
        return new InferenceDetail(task, endpoint, null, false, null, null, null, null);
    }

    public InferenceDetail streamed(String outcome, Integer ttfb) {
        return new InferenceDetail(task, endpoint, region, fallbackUsed, breakerState, outcome, ttfb, redactions, costUsd,
                policyVerdict, phase, credentialId, dataClassification, reservedUsd, clientRequestId);
    }
}
