package io.novix.core.audit.entity;

/**
 * What an admin action changed: the actor's role and the object before and after, as JSON with
 * every secret already removed. {@code before} is null for creations, {@code after} for reads and
 * refusals.
 */
public record AdminChange(String actorRole, String before, String after) {

    public AdminChange {
        actorRole = AuditText.fit(actorRole, 200);
        before = AuditText.json(before);
        after = AuditText.json(after);
    }
}
