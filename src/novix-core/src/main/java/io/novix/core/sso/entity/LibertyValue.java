package io.novix.core.sso.entity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * The grammar of every tenant-controlled value that Novix writes into Liberty configuration
 * (configDropins and the IdP metadata file it points at). Liberty expands {@code ${...}} variable
 * references in its configuration, so a tenant value holding {@code ${env.NOVIX_ADMIN_TOKEN}} would
 * become the platform's secret in an AuthnRequest. Tenant data is never configuration: values are
 * checked against strict grammars here (no {@code $ { } " ' < > \}, no whitespace, no control
 * characters) and only then put into fixed templates, XML-escaped.
 */
public final class LibertyValue {

    public static final int MAX_LENGTH = 500;
    /** RFC 3986 characters less {@code $ ' \} and anything else that means something to Liberty or XML. */
    private static final Pattern URI_CHARS = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[A-Za-z0-9\\-._~:/?#\\[\\]@!&()*+,;=%]+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:-]{0,199}");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    private LibertyValue() {
    }

    /** An absolute URI (a URL or a URN), e.g. an entity id or an authentication context class. */
    public static String absoluteUri(String field, String value) {
        if (value == null || value.length() > MAX_LENGTH || !URI_CHARS.matcher(value).matches()) {
            throw refused(field, "an absolute URI of at most " + MAX_LENGTH + " characters without $ { } quotes, "
                    + "angle brackets, backslashes, spaces or control characters");
        }
        try {
            if (!new URI(value).isAbsolute()) {
                throw refused(field, "an absolute URI");
            }
        } catch (URISyntaxException e) {
            throw refused(field, "a well-formed absolute URI");
        }
        return value;
    }

    /** An http(s) URL a browser is sent to, e.g. the IdP's single sign-on service. */
    public static String webUrl(String field, String value) {
        absoluteUri(field, value);
        URI uri = URI.create(value);
        if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
            throw refused(field, "an http or https URL with a host");
        }
        return value;
    }

    /** An attribute name: a plain name ({@code groups}, {@code memberOf}) or an absolute URI (ADFS claim types). */
    public static String attributeName(String field, String value) {
        if (value != null && NAME.matcher(value).matches()) {
            return value;
        }
        try {
            return absoluteUri(field, value);
        } catch (IllegalArgumentException e) {
            throw refused(field, "a name of letters, digits, '_', '.', ':' or '-' (at most 200), or an absolute URI");
        }
    }

    /** A tenant slug as it appears in ids, file names and URL paths. */
    public static String slug(String value) {
        if (value == null || !SLUG.matcher(value).matches()) {
            throw refused("slug", "2-63 lower-case letters, digits or '-'");
        }
        return value;
    }

    /** For use inside a double-quoted XML attribute or element text of a fixed template. */
    public static String xml(String checked) {
        return checked.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static IllegalArgumentException refused(String field, String what) {
        return new IllegalArgumentException(field + " must be " + what);
    }
}
