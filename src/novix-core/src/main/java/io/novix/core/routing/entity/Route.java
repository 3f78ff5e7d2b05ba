package io.novix.core.routing.entity;

import io.novix.hf.Endpoints;

import java.net.URI;

/** One endpoint a call may go to, resolved to a concrete URL, with the task it was registered for. */
public record Route(URI target, String region, EndpointKind kind, String task, boolean keyAllowed, java.util.UUID owner,
                    boolean sovereign) {

    /** A route the platform itself configured (the router): the key may go there; shared, not sovereign. */
    public Route(URI target, String region, EndpointKind kind, String task) {
        this(target, region, kind, task, true, null, false);
    }

    public Route(URI target, String region, EndpointKind kind, String task, boolean keyAllowed) {
        this(target, region, kind, task, keyAllowed, null, false);
    }

    /** How this endpoint takes task calls: the router's path, an endpoint's own URL, or TGI/TEI routes. */
    public Endpoints.Style style() {
        return switch (kind) {
            case SERVERLESS -> Endpoints.Style.ROUTER;
            case DEDICATED -> Endpoints.Style.ENDPOINT;
            case SELF_HOSTED -> Endpoints.Style.TGI_TEI;
        };
    }

    /** Where a task call for {@code model} goes on this endpoint. */
    public URI taskUri(String model, String task, boolean stream) {
        return Endpoints.task(target, style(), model, task, stream);
    }

    /** Two routes are the same place when they share a URL and kind (the task is only a label). */
    public boolean samePlace(Route other) {
        return target.equals(other.target) && kind == other.kind;
    }
}
