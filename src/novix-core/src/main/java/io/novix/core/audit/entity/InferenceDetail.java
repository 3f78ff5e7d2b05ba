package io.novix.core.audit.entity;

/**
 * What an auditor needs to know about how an inference call was served. Any field may be null
 * when it does not apply (e.g. {@code streamOutcome} for a non-streaming call).
 */
public record InferenceDetail(String task, String endpoint, String region, boolean fallbackUsed,
                              String breakerState, String streamOutcome, Integer ttfbMs, String redactions,
                              java.math.BigDecimal costUsd, String policyVerdict) {

    public InferenceDetail {
        task = AuditText.fit(task, 48);
        endpoint = AuditText.fit(endpoint, 2048);
        region = AuditText.fit(region, 32);
        breakerState = AuditText.fit(breakerState, 16);
        streamOutcome = AuditText.fit(streamOutcome, 24);
        redactions = AuditText.fit(redactions, 300);
        policyVerdict = AuditText.fit(policyVerdict, 160);
    }

    public InferenceDetail(String task, String endpoint, String region, boolean fallbackUsed, String breakerState,
                           String streamOutcome, Integer ttfbMs, String redactions) {
        this(task, endpoint, region, fallbackUsed, breakerState, streamOutcome, ttfbMs, redactions, null, null);
    }

    public static InferenceDetail of(String task, String endpoint) {
        return new InferenceDetail(task, endpoint, null, false, null, null, null, null);
    }

    public InferenceDetail streamed(String outcome, Integer ttfb) {
        return new InferenceDetail(task, endpoint, region, fallbackUsed, breakerState, outcome, ttfb, redactions, costUsd, policyVerdict);
    }
}
