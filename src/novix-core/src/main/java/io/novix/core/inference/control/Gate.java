package io.novix.core.inference.control;

import io.novix.core.access.boundary.AccessControl;
import io.novix.core.identity.entity.Authentication;
import io.novix.core.identity.entity.Caller;
import io.novix.core.identity.entity.Denial;
import io.novix.core.identity.entity.Scope;
import io.novix.core.inference.entity.Call;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;

import java.time.Instant;

/**
 * The pipeline's first two stages: <em>authenticated</em> (the bearer credential names a caller)
 * and <em>authorised</em> (the caller holds the task's scope). Each refuses with a {@link Denial}.
 */
@OneInstance
public class Gate {

    @Inject
    AccessControl authenticator;

    /** Authenticated: the caller behind the bearer credential, or a 401 (403 for a suspended tenant). */
    public Caller authenticate(Call call, String authorization) {
        Authentication auth = authenticator.bearer(authorization, Instant.now());
        if (!auth.granted()) {
            throw Denial.of(auth);
        }
        Caller caller = auth.caller().orElseThrow();
        call.authenticated(caller);
        return caller;
    }

    /** Authorised: the caller holds {@code required}, else a 403 {@code insufficient_scope}. */
    public void authorise(Call call, Caller caller, Scope required) {
        if (!caller.may(required)) {
            throw Denial.of(Authentication.insufficientScope(caller));
        }
        call.authorised();
    }

    /** For calls outside the pipeline (the model list): the credential's verdict as it is. */
    public Authentication identify(String authorization) {
        return authenticator.bearer(authorization, Instant.now());
    }
}
