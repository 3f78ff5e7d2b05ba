package io.novix.core.alerts.entity;

import io.novix.core.routing.entity.EndpointAddress;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * A tenant's webhook URL, which a tenant admin controls: HTTPS to a public address only — never
 * loopback, private, link-local or metadata addresses (SSRF) — unless the platform runs in a closed
 * network and says so ({@code NOVIX_WEBHOOK_ALLOW_PRIVATE=true}, which also allows plain HTTP).
 * Checked when set and again before every delivery (a DNS answer may change).
 */
public final class WebhookTarget {

    private WebhookTarget() {
    }

    /** The URL, or why it is refused (IllegalArgumentException, message safe to show). */
    public static URI check(String raw, boolean allowPrivate) {
        URI url;
        try {
            url = new URI(raw);
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("'url' must be an absolute https URL");
        }
        boolean https = "https".equals(url.getScheme());
        if (!(https || allowPrivate && "http".equals(url.getScheme())) || url.getHost() == null || url.getRawUserInfo() != null
                || url.getRawFragment() != null || raw.length() > 500) {
            throw new IllegalArgumentException("'url' must be an absolute https URL without credentials or fragment");
        }
        String refusal = refusal(url, allowPrivate);
        if (refusal != null) {
            throw new IllegalArgumentException("'url' refused: " + refusal);
        }
        return url;
    }

    /** Why a delivery must not go to {@code url} now, or null. */
    public static String refusal(URI url, boolean allowPrivate) {
        String refusal = EndpointAddress.refusal(url);
        if (refusal != null || allowPrivate) {
            return refusal;
        }
        String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1) : url.getHost();
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                byte[] b = a.getAddress();
                boolean uniqueLocal = b.length == 16 && (b[0] & 0xfe) == 0xfc;
                if (a.isLoopbackAddress() || a.isSiteLocalAddress() || uniqueLocal) {
                    return "loopback and private addresses are not webhook targets";
                }
            }
        } catch (UnknownHostException e) {
            return null; // checked again before each delivery
        }
        return null;
    }
}
