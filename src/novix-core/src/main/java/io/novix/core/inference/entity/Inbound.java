package io.novix.core.inference.entity;

/**
 * An inference request as it arrived, before anything was checked: the credential, the body and
 * where it was sent ({@code path} also names the call in a denial's audit row), and the data
 * classification its caller labelled it with ({@code X-Data-Classification}; null for the default).
 */
public record Inbound(String authorization, String contentType, byte[] body, String path, String requestId,
                      String clientAddress, String dataClassification) {

    public Inbound(String authorization, String contentType, byte[] body, String path, String requestId, String clientAddress) {
        this(authorization, contentType, body, path, requestId, clientAddress, null);
    }

    public static Inbound json(String authorization, byte[] body, String path, String requestId) {
        return new Inbound(authorization, "application/json", body, path, requestId, null);
    }
}
