package io.novix.core.inference.entity;

/**
 * The gateway's own token estimate for when an upstream reports none (image prompts, transcripts,
 * embeddings from servers that do not send {@code x-compute-tokens}): about four characters per
 * token, the usual rule for English BPE vocabularies. Audit rows say which counts are estimates
 * only through the task; docs/audit.md lists them.
 */
public final class TokenEstimate {

    private TokenEstimate() {
    }

    public static long of(String text) {
        return text == null || text.isEmpty() ? 0 : (text.length() + 3) / 4;
    }

    /** A header's count when present and sane, else the estimate. */
    public static long header(java.util.Optional<String> value, long estimate) {
        try {
            return value.map(String::trim).map(Long::parseLong).filter(n -> n >= 0).orElse(estimate);
        } catch (NumberFormatException e) {
            return estimate;
        }
    }
}
