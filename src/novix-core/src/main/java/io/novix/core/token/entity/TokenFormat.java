package io.novix.core.token.entity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Novix API tokens look like {@code nvx_<12-char prefix>_<43-char secret>}. The prefix is public
 * (it finds the row and shows in listings); the whole token is hashed with SHA-256 for storage.
 * 256 random bits make a slow hash unnecessary: there is nothing to brute-force.
 */
public final class TokenFormat {

    public static final String MARK = "nvx_";
    private static final Pattern SHAPE = Pattern.compile("^nvx_([a-z2-7]{12})_([A-Za-z0-9_-]{43})$");
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private TokenFormat() {
    }

    public record Generated(String prefix, String token) {
        @Override
        public String toString() {
            return "Generated[prefix=" + prefix + ", token=***]";
        }
    }

    public static Generated generate(SecureRandom random) {
        StringBuilder prefix = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            prefix.append(BASE32[random.nextInt(BASE32.length)]);
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = MARK + prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Generated(prefix.toString(), token);
    }

    /** The prefix of a well-formed token; empty for anything else (never echo the input). */
    public static Optional<String> prefixOf(String token) {
        if (token == null || token.length() != 60) {
            return Optional.empty();
        }
        var m = SHAPE.matcher(token);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
        }
    }
}
