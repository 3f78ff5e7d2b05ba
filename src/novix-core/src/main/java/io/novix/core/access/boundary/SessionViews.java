package io.novix.core.access.boundary;

import io.novix.core.identity.entity.Caller;
import io.novix.core.identity.entity.Operation;
import io.novix.core.identity.entity.Role;

import java.time.Instant;
import java.util.Arrays;

/** Builds a {@link SessionView} from the caller a session authenticates as. */
final class SessionViews {

    private SessionViews() {
    }

    static SessionView of(String kind, Caller caller, String authnContext, Instant expiresAt) {
        return new SessionView(kind, caller.principal().value(), caller.tenant() == null ? null : caller.tenant().value().toString(),
                caller.tenantSlug(), caller.tier() == null ? null : caller.tier().name(),
                caller.roles().stream().map(Role::value).sorted().toList(),
                Arrays.stream(Operation.values()).filter(caller::may).map(Operation::action).sorted().toList(),
                authnContext, expiresAt);
    }
}
