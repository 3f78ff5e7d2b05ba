package io.novix.core.inference.entity;

/**
 * An inference request as it arrived, before anything was checked: the credential, the body and
 * where it was sent ({@code path} also names the call in a denial's audit row), and the data
 * classification its caller labelled it with ({@code X-Data-Classification}; null for the default), and
 * its {@code Cache-Control} (no-cache, no-store: the response cache is bypassed).
 */
public record Inbound(String authorization, String contentType, byte[] body, String path, String requestId,
                      String clientAddress, String dataClassification, String cacheControl) {

    public Inbound(String authorization, String contentType, byte[] body, String path, String requestId, String clientAddress) {
        this(authorization, contentType, body, path, requestId, clientAddress, null, null);
    }

    public Inbound(String authorization, String contentType, byte[] body, String path, String requestId, String clientAddress,
                   String dataClassification) {
        this(authorization, contentType, body, path, requestId, clientAddress, dataClassification, null);
    }

    public static Inbound json(String authorization, byte[] body, String path, String requestId) {
        return new Inbound(authorization, "application/json", body, path, requestId, null);
    }
}
