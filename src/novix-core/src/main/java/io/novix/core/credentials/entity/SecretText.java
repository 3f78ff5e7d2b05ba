package io.novix.core.credentials.entity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * How a sealed credential is written in configuration: {@code sealed:<KEK id>:<base64url>} (the notes'
 * {@code HF_API_KEY=org_${ENCRYPTED_TOKEN}}, with the KEK that opens it named), and the checks every
 * credential meets. A credential's fingerprint (SHA-256, 16 hex digits) says which key without
 * revealing it.
 */
public record SecretText(String kekId, byte[] sealed) {

    public static final String PREFIX = "sealed:";

    /** The sealed form of {@code value}, if it is one; a plain value is empty. */
    public static Optional<SecretText> parse(String value) {
        if (value == null || !value.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = value.substring(PREFIX.length()).split(":", 2);
        if (parts.length != 2 || parts[0].isEmpty()) {
            throw new IllegalArgumentException("a sealed credential is sealed:<KEK id>:<base64url>");
        }
        try {
            return Optional.of(new SecretText(parts[0], Base64.getUrlDecoder().decode(parts[1])));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a sealed credential's value is not base64url");
        }
    }

    public String text() {
        return PREFIX + kekId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    /** A credential as it may go into an Authorization header: 8 to 4,096 visible ASCII characters. */
    public static boolean plausible(String key) {
        return key != null && key.length() >= 8 && key.length() <= 4096 && key.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    public static String fingerprint(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "SecretText[kek=" + kekId + ", sealed]";
    }
}
