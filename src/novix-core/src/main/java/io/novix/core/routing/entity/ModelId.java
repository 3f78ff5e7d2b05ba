package io.novix.core.routing.entity;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Hugging Face model id as the Hub's own {@code validate_repo_id} accepts it ({@code org/name},
 * or {@code name}; word characters, '-' and '.'; at most 96 per part; no "--", "..", ".git" ending,
 * no part starting or ending with '-' or '.'), with the router's optional {@code :provider} or
 * {@code :policy} suffix. Checked on every face before any URL is built from it, so a model name can
 * never change which path or host is called.
 */
public final class ModelId {

    private static final Pattern PART = Pattern.compile("^[A-Za-z0-9_](?:[\\w.-]{0,94}[A-Za-z0-9_])?$");
    private static final Pattern SUFFIX = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$");

    private ModelId() {
    }

    /** True for {@code org/name[:provider]} and {@code name[:provider]} within the Hub's grammar. */
    public static boolean valid(String id) {
        if (id == null || id.isEmpty() || id.length() > 200) {
            return false;
        }
        String repo = id;
        int colon = id.indexOf(':');
        if (colon >= 0) {
            if (!SUFFIX.matcher(id.substring(colon + 1)).matches()) {
                return false;
            }
            repo = id.substring(0, colon);
        }
        if (repo.contains("--") || repo.contains("..") || repo.endsWith(".git")) {
            return false;
        }
        String[] parts = repo.split("/", -1);
        if (parts.length > 2) {
            return false;
        }
        for (String part : parts) {
            if (!PART.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The id, when valid. */
    public static Optional<String> parse(String id) {
        return valid(id) ? Optional.of(id) : Optional.empty();
    }
}
