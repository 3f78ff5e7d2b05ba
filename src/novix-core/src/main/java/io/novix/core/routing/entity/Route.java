package io.novix.core.routing.entity;

import java.net.URI;

/** One endpoint a call may go to, resolved to a concrete URL. */
public record Route(URI target, String region, EndpointKind kind) {
}
