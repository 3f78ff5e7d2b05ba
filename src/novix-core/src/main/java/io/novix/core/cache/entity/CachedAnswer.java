package io.novix.core.cache.entity;

import java.math.BigDecimal;
import java.time.Instant;

/** A cached answer: the upstream's JSON body as it was answered, what it used, and what it cost (what a hit saves). */
public record CachedAnswer(String model, byte[] body, long tokensIn, long tokensOut, BigDecimal costUsd, Instant storedAt,
                           Instant expiresAt) {
}
