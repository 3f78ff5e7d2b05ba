package io.novix.core.audit.entity;

import io.novix.core.keys.entity.Sealed;

/**
 * What an admin action changed: the actor's role and the object before and after, as JSON with
 * every secret already removed. {@code before} is null for creations, {@code after} for reads and
 * refusals.
 */
public record AdminChange(String actorRole, String before, String after, Sealed sealed) {

    public AdminChange {
        actorRole = AuditText.fit(actorRole, 200);
        before = AuditText.json(before);
        after = AuditText.json(after);
    }

    public AdminChange(String actorRole, String before, String after) {
        this(actorRole, before, after, null);
    }

    /** Whether there is a state to seal before it is stored. */
    public boolean hasState() {
        return before != null || after != null;
    }

    /** The states as one JSON document, {"before":…,"after":…}, the plain text that gets sealed. */
    public String statesJson() {
        return "{\"before\":" + (before == null ? "null" : before) + ",\"after\":" + (after == null ? "null" : after) + "}";
    }

    /** The same change with its states sealed (AES-GCM under the tenant's data key) instead of in the clear. */
    public AdminChange sealedAs(Sealed states) {
        return new AdminChange(actorRole, null, null, states);
    }
}
