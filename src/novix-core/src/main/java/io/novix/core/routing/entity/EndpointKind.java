package io.novix.core.routing.entity;

public enum EndpointKind {
    /** the Hugging Face router / serverless Inference API */
    SERVERLESS,
    /** a dedicated Inference Endpoint */
    DEDICATED,
    /** a TGI or TEI server run by the customer */
    SELF_HOSTED
}
