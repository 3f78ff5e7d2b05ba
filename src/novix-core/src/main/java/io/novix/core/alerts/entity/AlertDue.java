package io.novix.core.alerts.entity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One budget alert claimed for delivery, with where it goes. */
public record AlertDue(long id, UUID tenant, String period, int threshold, BigDecimal spentUsd, BigDecimal budgetUsd,
                       Instant raisedAt, int attempt, String url, byte[] secretSealed, int keyVersion) {
}
