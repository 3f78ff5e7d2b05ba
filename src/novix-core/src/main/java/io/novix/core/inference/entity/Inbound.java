package io.novix.core.inference.entity;

/**
 * An inference request as it arrived, before anything was checked: the credential, the body and
 * where it was sent ({@code path} also names the call in a denial's audit row).
 */
public record Inbound(String authorization, String contentType, byte[] body, String path, String requestId,
                      String clientAddress) {

    public static Inbound json(String authorization, byte[] body, String path, String requestId) {
        return new Inbound(authorization, "application/json", body, path, requestId, null);
    }
}
