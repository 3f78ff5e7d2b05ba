package io.novix.core.keys.entity;

/** A value sealed under version {@code keyVersion} of its tenant's data key (AES-256-GCM). */
public record Sealed(int keyVersion, byte[] bytes) {
}
