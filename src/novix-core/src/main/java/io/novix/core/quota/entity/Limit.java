package io.novix.core.quota.entity;

import io.novix.core.kernel.ErrorCode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The limits a tenant's policy sets, each counted per period: requests and tokens per minute
 * (fixed windows aligned to the epoch; the window may be shortened for tests), tokens per UTC
 * day and month, and money per UTC month (counted in micro-USD).
 */
public enum Limit {
    REQUESTS_PER_MINUTE("rpm", ErrorCode.RATE_LIMITED),
    TOKENS_PER_MINUTE("tpm", ErrorCode.RATE_LIMITED),
    TOKENS_PER_DAY("tpd", ErrorCode.TOKEN_QUOTA_EXCEEDED),
    TOKENS_PER_MONTH("tpmo", ErrorCode.TOKEN_QUOTA_EXCEEDED),
    BUDGET_PER_MONTH("usd", ErrorCode.BUDGET_EXCEEDED);

    private final String label;
    private final ErrorCode refusal;

    Limit(String label, ErrorCode refusal) {
        this.label = label;
        this.refusal = refusal;
    }

    public String label() {
        return label;
    }

    public ErrorCode refusal() {
        return refusal;
    }

    /** The counter's key for a tenant (or a credential: {@code owner} is then e.g. "token:<id>"). */
    public String key(String owner) {
        return owner + ":" + label;
    }

    public boolean perMinute() {
        return this == REQUESTS_PER_MINUTE || this == TOKENS_PER_MINUTE;
    }

    /** The start of the period {@code at} falls in. */
    public Instant periodStart(Instant at, Duration minuteWindow) {
        return switch (this) {
            case REQUESTS_PER_MINUTE, TOKENS_PER_MINUTE -> {
                long w = minuteWindow.toMillis();
                yield Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), w) * w);
            }
            case TOKENS_PER_DAY -> LocalDate.ofInstant(at, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
            case TOKENS_PER_MONTH, BUDGET_PER_MONTH -> LocalDate.ofInstant(at, ZoneOffset.UTC).withDayOfMonth(1)
                    .atStartOfDay(ZoneOffset.UTC).toInstant();
        };
    }

    public Instant periodEnd(Instant start, Duration minuteWindow) {
        return switch (this) {
            case REQUESTS_PER_MINUTE, TOKENS_PER_MINUTE -> start.plus(minuteWindow);
            case TOKENS_PER_DAY -> start.plus(Duration.ofDays(1));
            case TOKENS_PER_MONTH, BUDGET_PER_MONTH -> LocalDate.ofInstant(start, ZoneOffset.UTC).plusMonths(1)
                    .atStartOfDay(ZoneOffset.UTC).toInstant();
        };
    }

    /** A per-minute policy value scaled to the window in force (a 5 s test window gets a twelfth). */
    public long perWindow(long perMinute, Duration minuteWindow) {
        if (!perMinute()) {
            return perMinute;
        }
        return Math.max(1, Math.floorDiv(perMinute * minuteWindow.toMillis(), 60_000L));
    }
}
