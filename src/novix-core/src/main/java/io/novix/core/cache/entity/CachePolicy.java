package io.novix.core.cache.entity;

import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.tenant.entity.ComplianceProfile;

/**
 * A tenant's response-cache settings: on or off, how long an answer is kept, whether only
 * deterministic requests (temperature 0, or a seed) are cached, and whether calls labelled
 * {@code restricted} may be. By default on for SOC 2 and HIPAA tenants (one hour, deterministic only,
 * never restricted data) and off for FedRAMP High (Government).
 */
public record CachePolicy(boolean enabled, int ttlSeconds, boolean deterministicOnly, boolean restrictedAllowed) {

    public static final int MAX_TTL_SECONDS = 30 * 24 * 3600;

    public CachePolicy {
        if (ttlSeconds < 1 || ttlSeconds > MAX_TTL_SECONDS) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'ttlSeconds' is between 1 and " + MAX_TTL_SECONDS, "ttlSeconds");
        }
    }

    public static CachePolicy defaultFor(ComplianceProfile profile) {
        return new CachePolicy(profile != ComplianceProfile.FEDRAMP_HIGH, 3600, true, false);
    }

    /** Why a call may not use the cache (the {@code bypass} reasons), or null when it may. */
    public String refusal(String classification, boolean deterministic) {
        if (!enabled) {
            return "off";
        }
        if ("restricted".equals(classification) && !restrictedAllowed) {
            return "restricted";
        }
        if (deterministicOnly && !deterministic) {
            return "not-deterministic";
        }
        return null;
    }
}
