package io.novix.core.audit.entity;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A tenant's availability over a window against its tier's SLA: {@code eligible} answers (every
 * inference answer but the caller's own faults: 4xx other than the upstream's rate limit, and
 * disconnects), {@code failed} those that failed because of Novix or the upstream. The error
 * budget is the failures the SLA allows; {@code errorBudgetRemaining} is the unspent fraction of it.
 */
public record ServiceLevel(int windowDays, BigDecimal slaPercent, long eligible, long failed, BigDecimal availabilityPercent,
                           long allowedFailures, BigDecimal errorBudgetRemaining, boolean met) {

    private static final MathContext SIX = new MathContext(6, RoundingMode.DOWN);

    public static ServiceLevel of(int windowDays, BigDecimal slaPercent, long eligible, long failed) {
        BigDecimal availability = eligible == 0 ? BigDecimal.valueOf(100)
                : BigDecimal.valueOf(eligible - failed).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(eligible), SIX);
        BigDecimal allowedExact = BigDecimal.valueOf(eligible).multiply(BigDecimal.valueOf(100).subtract(slaPercent))
                .movePointLeft(2);
        long allowed = allowedExact.setScale(0, RoundingMode.DOWN).longValueExact();
        BigDecimal remaining = allowedExact.signum() == 0 ? (failed == 0 ? BigDecimal.ONE : BigDecimal.ZERO)
                : BigDecimal.ONE.subtract(BigDecimal.valueOf(failed).divide(allowedExact, SIX)).max(BigDecimal.ZERO);
        return new ServiceLevel(windowDays, slaPercent, eligible, failed, availability.stripTrailingZeros(), allowed,
                remaining.stripTrailingZeros(), availability.compareTo(slaPercent) >= 0);
    }
}
