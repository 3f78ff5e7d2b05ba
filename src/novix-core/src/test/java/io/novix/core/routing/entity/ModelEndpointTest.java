package io.novix.core.routing.entity;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ModelEndpointTest {

    private final Instant now = Instant.now();

    @Test
    void routerRowsResolveToTheConfiguredRouter() {
        ModelEndpoint router = new ModelEndpoint("org/m", "chat-completion", EndpointKind.SERVERLESS, Optional.empty(), "global", 1000, now);
        assertEquals(URI.create("https://router.example"), router.target(URI.create("https://router.example")));
        ModelEndpoint dedicated = new ModelEndpoint("org/m", "chat-completion", EndpointKind.DEDICATED,
                Optional.of(URI.create("https://x.endpoints.example")), "eu-west-1", 10, now);
        assertEquals(URI.create("https://x.endpoints.example"), dedicated.target(URI.create("https://router.example")));
    }

    @Test
    void invalidEndpointsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ModelEndpoint("org/m", "chat-completion",
                EndpointKind.DEDICATED, Optional.empty(), "global", 1, now));
        assertThrows(IllegalArgumentException.class, () -> new ModelEndpoint("org/m", "dance", EndpointKind.SERVERLESS,
                Optional.empty(), "global", 1, now));
        assertThrows(IllegalArgumentException.class, () -> new ModelEndpoint("org/m", "chat-completion",
                EndpointKind.DEDICATED, Optional.of(URI.create("https://user:pw@x.example")), "global", 1, now));
        assertThrows(IllegalArgumentException.class, () -> new ModelEndpoint("org/m", "chat-completion",
                EndpointKind.DEDICATED, Optional.of(URI.create("ftp://x.example")), "global", 1, now));
        assertThrows(IllegalArgumentException.class, () -> new ModelEndpoint("org/m", "chat-completion",
                EndpointKind.SERVERLESS, Optional.empty(), "global", -1, now));
    }
}
