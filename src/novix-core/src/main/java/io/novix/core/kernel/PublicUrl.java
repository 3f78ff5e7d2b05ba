package io.novix.core.kernel;

import org.eclipse.microprofile.config.Config;

/**
 * The URL browsers, IdPs and clients reach Novix at ({@code NOVIX_PUBLIC_URL}). Every absolute URL
 * Novix puts in a document (SAML metadata, OIDC discovery, the OpenAPI servers) derives from it,
 * never from a request's Host header, which the caller chooses.
 */
public final class PublicUrl {

    private PublicUrl() {
    }

    public static String of(Config config) {
        return config.getOptionalValue("novix.public.url", String.class)
                .orElse("http://127.0.0.1:" + config.getOptionalValue("novix.http.port", String.class).orElse("9080"))
                .replaceAll("/+$", "");
    }
}
